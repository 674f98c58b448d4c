package io.platestream.engine;

/**
 * Stable error codes for frames that cannot be recognised. The codes and messages follow the style of the cloud
 * plate-OCR APIs ({@code AIS.0103} "The image size does not meet the requirements.") and never change meaning once
 * released: downstream consumers route on them.
 */
public enum RejectCode {
    /** The bytes are none of JPEG, PNG, BMP, TIFF, GIF or WebP. */
    UNSUPPORTED_FORMAT("AIS.0101", "The image format is not supported."),
    /** Zero bytes, or no image bytes at all. */
    EMPTY_IMAGE("AIS.0102", "The image is empty."),
    /** A side is under 15 or over 8192 pixels (read from the header, before decoding). */
    IMAGE_SIZE("AIS.0103", "The image size does not meet the requirements."),
    /** More than 10 MiB of encoded bytes. */
    FILE_TOO_LARGE("AIS.0104", "The image file is too large."),
    /** Long side over 50 times the short side. */
    ASPECT_RATIO("AIS.0105", "The image aspect ratio does not meet the requirements."),
    /** The header or the pixel data is corrupt or truncated. */
    CORRUPT_IMAGE("AIS.0106", "The image data is corrupt or truncated."),
    /** The Kafka record could not be deserialized into a frame. */
    UNREADABLE_RECORD("AIS.0110", "The record cannot be deserialized."),
    /** The frame carries neither image bytes nor a retrievable URI. */
    MISSING_IMAGE("AIS.0111", "The frame carries no image."),
    /** The recognition engine failed on an image that passed validation. */
    ENGINE_FAILURE("AIS.0120", "The recognition engine failed on the image.");

    private final String code;
    private final String message;

    RejectCode(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The stable code, e.g. {@code AIS.0103}. */
    public String code() {
        return code;
    }

    /** The stable, human readable message for the code. */
    public String message() {
        return message;
    }
}
