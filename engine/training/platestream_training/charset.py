"""The recogniser's alphabet and the plate vocabularies. The Java engine reads the same alphabet from the model card
(`recognizer.json`), so this file is the single source of truth at training time."""

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
SPECIALS = "警学挂港澳使领"
DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Letters that appear in serials: I and O are never issued (they read as 1 and 0).
SERIAL_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"

# index 0 is the CTC blank
ALPHABET = PROVINCES + SPECIALS + DIGITS + LETTERS
BLANK = 0
NUM_CLASSES = len(ALPHABET) + 1
CHAR_TO_INDEX = {c: i + 1 for i, c in enumerate(ALPHABET)}

COLOURS = ["blue", "yellow", "green", "yellow_green", "white", "black"]
COLOUR_TO_INDEX = {c: i for i, c in enumerate(COLOURS)}

assert len(PROVINCES) == 31
assert len(set(ALPHABET)) == len(ALPHABET)


def encode(text):
    return [CHAR_TO_INDEX[c] for c in text]
