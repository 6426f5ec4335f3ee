package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.miaj.InvalidInputException;
import io.github.miaj.MiaException;
import io.github.miaj.ModelException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {
    @Test
    void everyTaskRunsOnceAndRunReturnsAfterAll() {
        for (int threads : new int[] {1, 2, 3}) {
            try (Workers w = new Workers(threads)) {
                AtomicIntegerArray ran = new AtomicIntegerArray(7);
                w.run(7, t -> {
                    sleep(t % 2 == 0 ? 20 : 1);
                    ran.incrementAndGet(t);
                });
                for (int t = 0; t < 7; t++) {
                    assertEquals(1, ran.get(t), "task " + t + " with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void aFailingTaskFailsTheRunOnlyAfterTheOthersFinished() {
        try (Workers w = new Workers(2)) {
            AtomicInteger finished = new AtomicInteger();
            InvalidInputException boom = new InvalidInputException("boom");
            MiaException e = assertThrows(
                    MiaException.class,
                    () -> w.run(2, t -> {
                        if (t == 0) {
                            throw boom;
                        }
                        sleep(50);
                        finished.incrementAndGet();
                    }));
            assertSame(boom, e, "a MiaException comes back as thrown");
            assertEquals(1, finished.get(), "the other task had finished before run returned");
            ModelException wrapped = assertThrows(
                    ModelException.class,
                    () -> w.run(2, t -> {
                        if (t == 1) {
                            throw new IllegalStateException("bug");
                        }
                    }));
            assertTrue(wrapped.getMessage().contains("bug"), wrapped.getMessage());
        }
    }

    @Test
    void closeTwiceIsFine() {
        Workers w = new Workers(2);
        w.close();
        w.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
