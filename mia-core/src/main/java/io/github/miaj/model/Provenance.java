package io.github.miaj.model;

import io.github.miaj.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a detector came from, as Tribuo keeps it on every model.
 *
 * @param trainingData     a description of the training data (corpus path, pair kinds, counts)
 * @param trainingDataHash SHA-256 of the training pairs as the trainer saw them
 * @param options          every trainer option by name: its value, and whether the caller gave it or training
 *                         chose it on the dev pairs
 * @param createdAt        ISO-8601 instant of training
 * @param libraryVersion   MIA-J version that trained it
 * @param javaVersion      Java runtime version that trained it
 */
public record Provenance(
        String trainingData,
        String trainingDataHash,
        Map<String, Option> options,
        String createdAt,
        String libraryVersion,
        String javaVersion) {
    public Provenance {
        options = Map.copyOf(options);
    }

    /** Options that were all given by the caller, from their text values (tests, hand-made models). */
    public static Map<String, Option> given(Map<String, String> values) {
        Map<String, Option> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Option.given(v)));
        return out;
    }

    /**
     * One trainer option.
     *
     * @param value  the value as text ({@code BOTH}, {@code 1.0E-4}, {@code none})
     * @param origin whether the caller set it or training chose it
     */
    public record Option(String value, Origin origin) {
        /** How detector files (format version 1) mark a chosen value, which keeps them readable both ways. */
        private static final String CHOSEN_PREFIX = "chosen on dev: ";

        /** Who decided an option's value. */
        public enum Origin {
            /** The caller set it (or left the trainer's default). */
            GIVEN,
            /** Training tried several values and kept the best on the dev pairs. */
            CHOSEN_ON_DEV
        }

        public Option {
            if (value == null || origin == null) {
                throw new InvalidInputException("a provenance option needs a value and an origin");
            }
        }

        public static Option given(String value) {
            return new Option(value, Origin.GIVEN);
        }

        public static Option chosenOnDev(String value) {
            return new Option(value, Origin.CHOSEN_ON_DEV);
        }

        /** Reads the text a detector file holds: {@code chosen on dev: BOTH} or a plain value. */
        public static Option parse(String text) {
            if (text == null) {
                throw new InvalidInputException("a provenance option must not be null");
            }
            return text.startsWith(CHOSEN_PREFIX) ? chosenOnDev(text.substring(CHOSEN_PREFIX.length())) : given(text);
        }

        /** The text a detector file holds, as {@link #parse} reads it. */
        public String toText() {
            return origin == Origin.CHOSEN_ON_DEV ? CHOSEN_PREFIX + value : value;
        }

        public boolean chosenOnDev() {
            return origin == Origin.CHOSEN_ON_DEV;
        }
    }
}
