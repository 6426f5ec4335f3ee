package io.github.miaj.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.miaj.InvalidInputException;
import io.github.miaj.model.SourceInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceCapabilityTest {
    @Test
    void capabilitiesAreReadFromTheChannelsNotFromTheModelId() {
        List<HeadName> heads = List.of(HeadName.parse("self.L00.H00.ab"), HeadName.parse("self.L00.H00.ba"));
        List<HeadName> withSim = List.of(HeadName.parse("self.L00.H00.ab"), HeadName.parse("sim.L00"));
        assertEquals(Set.of(SourceCapability.ATTENTION_HEADS), new SourceInfo("m+sim", "f", heads).capabilities());
        assertEquals(
                Set.of(SourceCapability.ATTENTION_HEADS, SourceCapability.HIDDEN_STATE_SIMILARITY),
                new SourceInfo("m", "f", withSim).capabilities());
        assertEquals(Set.of(), SourceCapability.of(List.of()));
        assertThrows(
                UnsupportedOperationException.class,
                () -> SourceCapability.of(heads).add(SourceCapability.HIDDEN_STATE_SIMILARITY));
    }

    @Test
    void textPairsRefuseNullTexts() {
        assertEquals("a", new TextPair("a", "").a());
        assertThrows(InvalidInputException.class, () -> new TextPair(null, "b"));
        assertThrows(InvalidInputException.class, () -> new TextPair("a", null));
    }
}
