package org.kexec.runtime.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long a load, exec or unload waits for another kboot run, as the command line says, and what is refused. */
class LoaderArgumentsTest {

    @Test
    void loadsWaitAMinuteUnlessTold() throws Exception {
        assertEquals(Duration.ofSeconds(60), LoaderArguments.parse(new String[] {"load"}).lockWait());
        assertEquals(Duration.ZERO, LoaderArguments.parse(new String[] {"unload", "--wait", "0"}).lockWait());
        assertEquals(Duration.ofSeconds(300), LoaderArguments.parse(new String[] {"exec", "--wait=300"}).lockWait());
    }

    @Test
    void waitIsRefusedWhereNothingIsLockedAndOutOfRange() {
        assertEquals("--wait is an option of load, reboot, exec and unload", assertThrows(LoaderArguments.UsageException.class,
                () -> LoaderArguments.parse(new String[] {"status", "--wait", "5"})).getMessage());
        assertEquals("--wait takes whole seconds from 0 to 86400, not -1", assertThrows(LoaderArguments.UsageException.class,
                () -> LoaderArguments.parse(new String[] {"load", "--wait", "-1"})).getMessage());
        assertEquals("--wait takes whole seconds from 0 to 86400, not soon", assertThrows(LoaderArguments.UsageException.class,
                () -> LoaderArguments.parse(new String[] {"load", "--wait", "soon"})).getMessage());
    }
}
