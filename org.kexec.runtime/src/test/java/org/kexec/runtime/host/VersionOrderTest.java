package org.kexec.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The version orders against pairs whose order dpkg --compare-versions and rpmdev-vercmp give. */
class VersionOrderTest {

    private static int sign(int compared) {
        return Integer.signum(compared);
    }

    @Test
    void debianOrdersAsDpkg() {
        VersionOrder dpkg = VersionOrder.DEBIAN;
        assertEquals(1, sign(dpkg.compare("6.1.0-57-amd64", "6.1.0-9-amd64")));
        assertEquals(-1, sign(dpkg.compare("6.1.0-56-amd64", "6.1.0-57-amd64")));
        assertEquals(0, sign(dpkg.compare("6.1.0-57-amd64", "6.1.0-57-amd64")));
        assertEquals(-1, sign(dpkg.compare("6.1.0-57-amd64", "6.1.0-57-cloud-amd64")), "letters sort by ASCII");
        assertEquals(1, sign(dpkg.compare("99999999999999999999:1.0", "9223372036854775807:2.0")), "epochs past a long");
        assertEquals(0, sign(dpkg.compare("007:1.0", "7:1.0")), "leading zeros");
        assertEquals(1, sign(dpkg.compare("6.10.0-1-amd64", "6.9.0-1-amd64")));
        assertEquals(-1, sign(dpkg.compare("1.0~rc1", "1.0")), "~ sorts before the end");
        assertEquals(1, sign(dpkg.compare("1:0.1", "2.0")), "the epoch first");
        assertEquals(1, sign(dpkg.compare("1.0a", "1.0")));
        assertEquals(-1, sign(dpkg.compare("1.0+b1", "1.0.1")), "'+' sorts before '.'");
        assertEquals(0, sign(dpkg.compare("1.01", "1.1")), "leading zeros");
    }

    /** dpkg itself, where it is installed (every Debian host), agrees on every pair. */
    @Test
    void debianAgreesWithDpkg() throws Exception {
        List<String> versions = List.of("6.1.0-57-amd64", "6.1.0-9-amd64", "6.1.0-57-cloud-amd64", "6.10.0-1-amd64", "1.0~rc1",
                "1.0", "1:0.1", "2.0", "1.0a", "1.0+b1", "1.0.1", "1.01", "5.10.0-28-rt-amd64", "0~20240101", "1.0-1~bpo12+1");
        for (String a : versions) {
            for (String b : versions) {
                Process dpkg = new ProcessBuilder("dpkg", "--compare-versions", a, "lt", b).start();
                boolean less = dpkg.waitFor() == 0;
                assertEquals(less, VersionOrder.DEBIAN.compare(a, b) < 0, a + " < " + b);
            }
        }
    }

    @Test
    void rpmOrdersAsRpmvercmp() {
        VersionOrder rpm = VersionOrder.RPM;
        assertEquals(1, sign(rpm.compare("6.5.6-300.fc39.x86_64", "6.5.5-300.fc39.x86_64")));
        assertEquals(1, sign(rpm.compare("6.10.0-100.fc40.x86_64", "6.9.12-200.fc40.x86_64")));
        assertEquals(-1, sign(rpm.compare("1.0~rc1", "1.0")));
        assertEquals(1, sign(rpm.compare("1.0^git1", "1.0")));
        assertEquals(-1, sign(rpm.compare("1.0^git1", "1.0.1")));
        assertEquals(1, sign(rpm.compare("1.0.1", "1.0a")), "numbers beat letters");
        assertEquals(0, sign(rpm.compare("1.01", "1.1")));
        assertEquals(1, sign(rpm.compare("2.0", "1.99999")));
        // From rpm's own test suite (tests/rpmvercmp.at).
        assertEquals(1, sign(rpm.compare("2.0.1a", "2.0.1")));
        assertEquals(-1, sign(rpm.compare("5.5p1", "5.5p10")));
        assertEquals(-1, sign(rpm.compare("10xyz", "10.1xyz")));
        assertEquals(-1, sign(rpm.compare("xyz10", "xyz10.1")));
        assertEquals(0, sign(rpm.compare("1.0010", "1.10")));
        assertEquals(1, sign(rpm.compare("1.0^", "1.0")));
        assertEquals(-1, sign(rpm.compare("1.0~rc1^git1", "1.0~rc1^git2")));
    }

    @Test
    void newestOfDebianKernels() {
        List<String> releases = new ArrayList<>(List.of("6.1.0-9-amd64", "6.1.0-57-amd64", "6.1.0-10-amd64", "5.10.0-28-amd64"));
        releases.sort(VersionOrder.DEBIAN);
        assertEquals(List.of("5.10.0-28-amd64", "6.1.0-9-amd64", "6.1.0-10-amd64", "6.1.0-57-amd64"), releases);
    }
}
