package io.platestream.engine;

/** An image refused by validation or decoding, with its stable {@link RejectCode} and a specific detail. */
public final class ImageRejectedException extends Exception {
    private final RejectCode code;
    private final String detail;

    public ImageRejectedException(RejectCode code, String detail) {
        this(code, detail, null);
    }

    public ImageRejectedException(RejectCode code, String detail, Throwable cause) {
        super(code.code() + " " + code.message() + (detail == null || detail.isEmpty() ? "" : " " + detail), cause);
        this.code = code;
        this.detail = detail == null ? "" : detail;
    }

    public RejectCode code() {
        return code;
    }

    /** What exactly was wrong, e.g. "width 10 px is under 15 px". */
    public String detail() {
        return detail;
    }
}
