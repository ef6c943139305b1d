package org.kexec.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.host.BootImages;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.image.BzImages;
import org.kexec.runtime.image.ImageFormatException;
import org.kexec.runtime.memory.IomemReader;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryMapFormatException;
import org.kexec.runtime.memory.MemoryProfiles;
import org.kexec.runtime.purgatory.PurgatoryImage;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.verify.Authenticode;
import org.kexec.runtime.verify.SignatureVerificationException;

/**
 * A catalogue of hostile inputs, each with the exact error it gets: never an exception of the JDK's own, never a
 * half-built result.
 */
class HostileInputsTest {

    @TempDir
    Path folder;

    private static String imageError(byte[] image) {
        return assertThrows(ImageFormatException.class, () -> BzImage.parse(image)).getMessage();
    }

    @Test
    void setupSectorsPastTheEndOfTheFile() {
        assertEquals("setup_sects: 255 sectors of setup code end at 0x20000, at or past the end of the 12288-byte file.", imageError(BzImages.withShort(BzImages.debian12(0x3000), 0x1f0, 0xff00)));
    }

    @Test
    void aHugeDeclaredPayload() {
        assertEquals("payload_length: the payload at 0x3b5+0x7fffffff ends past the protected-mode kernel's 18432 bytes.", imageError(BzImages.withInt(BzImages.debian12(0x8000), 0x24c, 0x7fffffff)));
    }

    @Test
    void aPeHeaderOffsetPastTheEnd() {
        assertEquals("e_lfanew: points to 0x7ffffff0, past the end of the 32768-byte file.", imageError(BzImages.withInt(BzImages.withPeHeader(BzImages.debian12(0x8000), 0), 0x3c, 0x7ffffff0)));
    }

    @Test
    void aCertificateTableOverlappingASection() {
        byte[] image = BzImages.withPeHeader(BzImages.debian12(0x8000), 0x800);
        BzImages.withShort(image, 0x46, 1);                   // NumberOfSections
        BzImages.withInt(image, 0x148 + 16, 0x7c00);          // SizeOfRawData: up to 0x7e00, past the table at 0x7800
        BzImages.withInt(image, 0x148 + 20, 0x200);           // PointerToRawData
        BzImages.withInt(image, 0x7800, 0x800);               // one WIN_CERTIFICATE filling the table
        BzImages.withInt(image, 0x7804, 0x00020200);
        assertEquals("the certificate table at 0x7800 overlaps the headers or sections (which end at 0x7e00): it must follow them", assertThrows(SignatureVerificationException.class, () -> Authenticode.verify(image, List.of()))
                .getMessage());
    }

    @Test
    void tenThousandMemoryRanges() throws Exception {
        StringBuilder iomem = new StringBuilder();
        for (long i = 0; i < 10_000; i++) {
            iomem.append(String.format("%08x-%08x : System RAM%n", 0x100000 + i * 0x2000, 0x100000 + i * 0x2000 + 0xfff));
        }
        iomem.append("20000000-3fffffff : System RAM\n");
        MemoryMap map = IomemReader.read(new StringReader(iomem.toString()), "iomem");
        assertEquals(10_001, map.ranges().size());
        assertEquals("kboot refuses the load: the memory map has 10001 e820 entries, but the kernel keeps at most 3200 and ignores"
                + " the rest, losing their memory: merge adjacent ranges of one type in the map", assertThrows(PlanException.class, () -> SegmentPlanner.plan(inputs("console=ttyS0", map))).getMessage());
    }

    @Test
    void aNulInTheCommandLine() {
        assertEquals("kboot refuses the load: the command line has U+0000 in the parameter \"console=ttyS0\\u0000init=/bin/sh\":"
                + " the kernel takes bytes, stops at NUL and splits parameters on spaces; use printable ASCII only", assertThrows(PlanException.class,
                () -> SegmentPlanner.plan(inputs("console=ttyS0\0init=/bin/sh", MemoryProfiles.load("qemu-1g")))).getMessage());
    }

    @Test
    void aCommandLineLongerThanTheKernelTakes() {
        String cmdline = "x".repeat(2048);
        assertEquals("kboot refuses the load: the command line is 2048 bytes, but the kernel takes at most 2046 (vmlinuz's"
                + " cmdline_size 2047 with its NUL): drop 2 bytes of parameters", assertThrows(PlanException.class,
                () -> SegmentPlanner.plan(inputs(cmdline, MemoryProfiles.load("qemu-1g")))).getMessage());
    }

    @Test
    void anImagePathThatIsADirectory() throws Exception {
        Files.createDirectory(folder.resolve("vmlinuz"));
        assertEquals("kboot refuses the load: " + folder.resolve("vmlinuz") + " (image k) is a directory, not an image file.", assertThrows(BootImages.ImageException.class,
                () -> BootImages.accept(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0), HostFiles.of(folder))).getMessage());
    }

    /**
     * Root reads any file, so the loader runs as nobody (setpriv) in a JVM of its own, on a kernel file of mode 000.
     */
    @Test
    void anImageFileThisUserCannotRead() throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path kernel = Files.write(folder.resolve("vmlinuz"), new byte[4096]);
        Files.setPosixFilePermissions(kernel, PosixFilePermissions.fromString("---------"));
        // The checkout may sit in a folder nobody cannot enter: the classes go where it can.
        Path classes = readableCopy(Path.of("target/classes"), folder.resolve("classes"));
        Path testClasses = readableCopy(Path.of("target/test-classes"), folder.resolve("test-classes"));
        Process loader = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData", "-cp",
                classes + ":" + testClasses, UnreadableImage.class.getName(), folder.toString())
                .redirectErrorStream(true).start();
        String output = new String(loader.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, loader.waitFor(), output);
        assertEquals("kboot refuses the load: " + kernel + " (image k) cannot be read by this user (permission denied): run"
                + " as root, or make the file readable.", output);
    }

    private static Path readableCopy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(file, copy);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        return to;
    }

    /** Reads {@code FOLDER/vmlinuz} as a boot's kernel and prints why it cannot: run by the test above as nobody. */
    public static final class UnreadableImage {
        public static void main(String[] args) {
            try {
                BootImages.accept(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0), HostFiles.of(Path.of(args[0])));
                System.out.println("read");
            } catch (BootImages.ImageException e) {
                System.out.println(e.getMessage());
            }
        }
    }

    @Test
    void anIomemLineThatIsNoRange() {
        assertEquals("iomem:1: '00100000-zz' is not a hex range.", assertThrows(MemoryMapFormatException.class,
                () -> IomemReader.read(new StringReader("00100000-zz : System RAM\n"), "iomem")).getMessage());
    }

    private static PlanInputs inputs(String cmdline, MemoryMap memory) throws ImageFormatException {
        BootSpec spec = TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0);
        return new PlanInputs(spec, BzImage.parse(BzImages.debian12(0x8000)), List.of(), cmdline, memory,
                PurgatoryImage.bundled(), Optional.empty(), CrashSources.none());
    }
}
