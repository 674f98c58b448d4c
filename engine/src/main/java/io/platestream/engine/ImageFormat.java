package io.platestream.engine;

/** Image formats the engine accepts, sniffed from the leading bytes, never from a file name or content type. */
public enum ImageFormat {
    JPEG("image/jpeg"), PNG("image/png"), BMP("image/bmp"), TIFF("image/tiff"), GIF("image/gif"), WEBP("image/webp");

    private final String mimeType;

    ImageFormat(String mimeType) {
        this.mimeType = mimeType;
    }

    public String mimeType() {
        return mimeType;
    }
}
