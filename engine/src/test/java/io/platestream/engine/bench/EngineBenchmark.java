package io.platestream.engine.bench;

import io.platestream.engine.EngineConfig;
import io.platestream.engine.Fixtures;
import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.PlateEngine;
import io.platestream.engine.Recognition;
import io.platestream.engine.image.RgbImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Single-thread latency of the engine on a 1920x1080 JPEG gate frame with one plate: the whole pipeline (validate,
 * decode, detect, rectify, read, classify) and its parts. Run with {@code bin/benchmark} (sample mode: median and
 * percentiles).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class EngineBenchmark {
    private PlateEngine engine;
    private byte[] jpeg;
    private RgbImage decoded;

    @Setup(Level.Trial)
    public void setUp() throws ImageRejectedException {
        // report every read (the floor only filters after reading, so the work measured is the same)
        engine = PlateEngine.load(EngineConfig.defaults().withoutFloors());
        jpeg = Fixtures.bytes("/io/platestream/engine/bench/gate-1080p.jpg");
        decoded = engine.decode(jpeg);
        if (engine.recognize(jpeg).plates().isEmpty()) {
            throw new IllegalStateException("the benchmark frame must contain a detected plate");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public Recognition recognizeJpeg1080p() throws ImageRejectedException {
        return engine.recognize(jpeg);
    }

    @Benchmark
    public RgbImage decodeJpeg1080p() throws ImageRejectedException {
        return engine.decode(jpeg);
    }

    @Benchmark
    public List<?> pipelineAfterDecode1080p() {
        return engine.recognize(decoded);
    }
}
