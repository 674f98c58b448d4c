package io.platestream.engine;

/**
 * The engine's API: every plate in one encoded image. Implementations load their models once, are safe to call
 * from several threads, and release native resources on {@link #close()}.
 */
public interface PlateRecognizer extends AutoCloseable {

    /**
     * Validates, decodes and reads one image.
     *
     * @throws ImageRejectedException with a stable code when the bytes are not an acceptable image
     */
    Recognition recognize(byte[] image) throws ImageRejectedException;

    /** Name and version of the models in use, e.g. {@code platestream-cn/2026.11.1}. */
    String modelVersion();

    @Override
    void close();
}
