package io.platestream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EngineConfigTest {
    @Test
    void defaultsComeFromEngineProperties() {
        EngineConfig c = EngineConfig.defaults();
        assertThat(c.modelPath()).isEqualTo("io/platestream/engine/models");
        assertThat(c.detectorThreshold()).isBetween(0.0, 1.0);
        assertThat(c.refineWidth()).isPositive();
        assertThat(c.levelAboveDegrees()).isPositive();
    }

    @Test
    void aSystemPropertyOverridesTheFile() {
        String key = EngineConfig.PREFIX + "max.plates";
        System.setProperty(key, "3");
        try {
            assertThat(EngineConfig.defaults().maxPlates()).isEqualTo(3);
        } finally {
            System.clearProperty(key);
        }
        assertThat(EngineConfig.defaults().maxPlates()).isEqualTo(16);
    }

    @Test
    void aMissingSettingIsNamed() {
        assertThatThrownBy(() -> EngineConfig.from(new Properties()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("platestream.engine.");
    }

    @Test
    void withersChangeOnlyTheirSettings() {
        EngineConfig d = EngineConfig.defaults();
        EngineConfig off = d.withSecondLook(0, 0);
        assertThat(off.refineWidth()).isZero();
        assertThat(off.levelAboveDegrees()).isZero();
        assertThat(off.withSecondLook(d.refineWidth(), d.levelAboveDegrees())).isEqualTo(d);
        EngineConfig all = d.withoutFloors();
        assertThat(all.minConfidence()).isZero();
        assertThat(all.minLength()).isZero();
        assertThat(all.detectorThreshold()).isEqualTo(d.detectorThreshold());
        assertThat(d.quarterTurn()).isTrue();
        EngineConfig level = d.withQuarterTurn(false);
        assertThat(level.quarterTurn()).isFalse();
        assertThat(level.withQuarterTurn(true)).isEqualTo(d);
        assertThat(d.orientation()).isTrue();
        EngineConfig geometryOnly = d.withOrientation(false);
        assertThat(geometryOnly.orientation()).isFalse();
        assertThat(geometryOnly.orientationSure()).isEqualTo(d.orientationSure());
        assertThat(geometryOnly.withOrientation(true)).isEqualTo(d);
        assertThat(d.doubleRowLooks()).hasSize(2);
        EngineConfig noLooks = d.withDoubleRowLooks(List.of());
        assertThat(noLooks.doubleRowLooks()).isEmpty();
        assertThat(noLooks.withDoubleRowLooks(d.doubleRowLooks())).isEqualTo(d);
        assertThat(d.zoomSize()).isEqualTo(576);
        EngineConfig noZoom = d.withZoomSize(0);
        assertThat(noZoom.zoomSize()).isZero();
        assertThat(noZoom.withZoomSize(576)).isEqualTo(d);
    }
}
