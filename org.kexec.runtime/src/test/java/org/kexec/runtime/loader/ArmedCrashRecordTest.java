package org.kexec.runtime.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.plan.TestBoots;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.BootSpecJson;
import org.kexec.runtime.spec.Target;

/** The record of the armed crash boot that a failed reload re-arms from. */
class ArmedCrashRecordTest {

    @TempDir
    Path state;

    @Test
    void keepsTheBootAndItsBaseFolderUntilCleared() throws Exception {
        ArmedCrashRecord record = new ArmedCrashRecord(state.resolve("kboot"));
        assertEquals(Optional.empty(), record.read());
        BootSpec boot = TestBoots.boot(Target.LINUX, BootKind.CRASH, 1);
        record.write(boot, Path.of("/srv/images"));
        ArmedCrashRecord.Armed armed = record.read().orElseThrow();
        assertEquals(Path.of("/srv/images"), armed.base());
        assertEquals(BootSpecJson.write(boot), BootSpecJson.write(armed.spec()));
        assertEquals("/srv/images\n" + BootSpecJson.write(boot), Files.readString(state.resolve("kboot/armed-crash-boot")));
        record.clear();
        assertEquals(Optional.empty(), record.read());
    }

    @Test
    void aDamagedRecordSaysSo() throws Exception {
        Files.writeString(state.resolve(ArmedCrashRecord.FILE), "{}");
        IOException damaged = assertThrows(IOException.class, () -> new ArmedCrashRecord(state).read());
        assertEquals(state.resolve(ArmedCrashRecord.FILE) + " is damaged: it has no base folder line", damaged.getMessage());
    }
}
