package org.kexec.generator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.image.BzImages;
import org.kexec.runtime.image.DebianKernels;
import org.kexec.runtime.image.SetupHeader;
import org.kexec.runtime.plan.SegmentSizes;
import org.kexec.runtime.verify.TestCertificates;

/** kbootc as a user runs it: exit statuses, exact output lines, what lands on disk. */
class KbootcTest {

    private static final String GOOD = """
            kernel k {
                path "/boot/vmlinuz"
            }

            boot b {
                kernel k
                append "quiet"
            }
            """;

    @TempDir
    Path folder;

    private record Run(int status, String out, String err) {
    }

    private Run kbootc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Kbootc.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void checkPrintsCompilerStyleLinesAndFailsOnErrors() throws IOException {
        Path spec = write("bad.kboot", "kernel k { path \"/boot/vmlinuz\" }\nboot b { kernel k purgatory { hash none } }\n");
        write("good.kboot", GOOD.replace("boot b", "boot c").replace("kernel k", "kernel k2"));
        Run run = kbootc("check", folder.toString());
        assertEquals(0, run.status());
        assertEquals("kbootc: 0 errors, 1 warning in 2 files\n", run.err());
        assertEquals(List.of(
                spec + ":1:17: info: /boot/vmlinuz is not here at compile time, so checks of its format, digest and"
                        + " signature were skipped; the loader makes them on the host. [org.kexec.dsl.fileNotChecked]",
                spec + ":2:36: warning: 'hash none' makes the purgatory jump into whatever is in memory without checking"
                        + " it: a corrupted or overwritten kernel runs anyway. Use sha256 unless boot time matters more than"
                        + " integrity. [org.kexec.dsl.hashNone]"),
                run.out().lines().filter(l -> l.startsWith(spec.toString())).toList());
        assertEquals(0, kbootc("check", spec.toString()).status());
        Files.writeString(spec, "boot b { kernel nope }\n");
        Run failing = kbootc("check", spec.toString());
        assertEquals(1, failing.status());
        assertEquals(spec + ":1:17: error: No image named 'nope' is visible here: declare it, or import the package that"
                + " declares it. [org.kexec.dsl.unresolvedReference]\n", failing.out());
        assertEquals("kbootc: 1 error, 0 warnings in 1 file\n", failing.err());
    }

    @Test
    void checkWithARootJudgesTheHostsImagesInThePlansWords() throws IOException {
        Path map = write("host.iomem", "00001000-0009ffff : System RAM\n00100000-3ffdffff : System RAM\n");
        Path spec = write("host.kboot", "kernel k { path \"/boot/vmlinuz\" }\nboot b {\n    kernel k\n    placement { memmap file \""
                + map + "\" }\n}\n");
        Path root = folder.resolve("host-root");
        write("host-root/boot/vmlinuz", "not a kernel\n");
        assertEquals(new Run(0, spec + ":1:17: info: /boot/vmlinuz is not here at compile time, so checks of its format,"
                + " digest and signature were skipped; the loader makes them on the host. [org.kexec.dsl.fileNotChecked]\n",
                "kbootc: 0 errors, 0 warnings in 1 file\n"), kbootc("check", spec.toString()));
        // The image is the root's; the recorded memory map, an absolute path too, is this machine's file.
        String refusal = "ENOEXEC (the load): /boot/vmlinuz is not a bzImage kernel: it has 13 bytes, fewer than the 1024 of a"
                + " boot sector and setup header.";
        assertEquals(new Run(1, spec + ":1:17: error: " + refusal + " [kernel-format]\n", "kbootc: 1 error, 0 warnings in 1 file\n"),
                kbootc("check", spec.toString(), "--root", root.toString()));
        assertEquals(new Run(1, "", "kbootc: b cannot be loaded: " + refusal + "\n"),
                kbootc("plan", spec.toString(), "--root", root.toString()));
    }

    @Test
    void checkWritesJsonForTools() throws IOException {
        Path spec = write("bad.kboot", "boot b { }\n");
        Run run = kbootc("check", "--format", "json", spec.toString());
        assertEquals(1, run.status());
        assertEquals("""
                {
                  "errors": 1,
                  "warnings": 0,
                  "diagnostics": [
                    {
                      "file": "%s",
                      "line": 1,
                      "column": 6,
                      "severity": "error",
                      "message": "Boot 'b' has no kernel: add 'kernel <image>', or extend a boot that has one.",
                      "code": "org.kexec.dsl.missingKernel"
                    }
                  ]
                }
                """.formatted(spec), run.out());
        assertEquals("", run.err());
    }

    @Test
    void badInputGetsOneClearLine() throws IOException {
        assertEquals(new Run(2, "", "kbootc: no such file or directory: " + folder.resolve("gone") + "\n"),
                kbootc("check", folder.resolve("gone").toString()));
        Files.createDirectory(folder.resolve("empty"));
        assertEquals(new Run(2, "", "kbootc: " + folder.resolve("empty") + " contains no .kboot files\n"),
                kbootc("check", folder.resolve("empty").toString()));
        Path text = write("notes.txt", "hello");
        assertEquals(new Run(2, "", "kbootc: " + text + " is not a .kboot file\n"), kbootc("compile", text.toString(), "-o", "x"));
        Path syntax = write("syntax.kboot", "boot {\n");
        Run run = kbootc("check", syntax.toString());
        assertEquals(1, run.status());
        assertTrue(run.out().startsWith(syntax + ":1:6: error: "), run.out());
        assertFalse(run.out().contains("Exception") || run.err().contains("Exception"));
    }

    @Test
    void compileWritesEachBootsOutputs() throws IOException {
        Path spec = write("specs/reboot.kboot", "package fleet\n" + GOOD);
        Path out = folder.resolve("out");
        Run run = kbootc("compile", spec.toString(), "-o", out.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("kbootc: compiled 1 boot from 1 file into " + out + "\n", run.err());
        assertEquals(List.of("fleet.b/BootLoader.java", "fleet.b/boot.json", "fleet.b/kboot-runtime.jar", "fleet.b/kboot_table.h",
                "fleet.b/libjffi-1.2.so", "fleet.b/loader", "fleet.b/loader.jar", "fleet.b/purgatory-table.bin",
                "fleet.b/purgatory-table.txt"),
                Files.walk(out).filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList());
        assertEquals(520, Files.size(out.resolve("fleet.b/purgatory-table.bin")));
        String json = Files.readString(out.resolve("fleet.b/boot.json"));
        assertTrue(json.startsWith("{\n  \"name\": \"fleet.b\",\n  \"target\": \"linux\","), json);
        assertTrue(json.contains("\"literal\": \"quiet\""), json);
    }

    @Test
    void everyBootsRuntimeJarsAreOneFileOnDiskEach() throws IOException {
        Path spec = write("specs/two.kboot", "package fleet\n" + GOOD + "\nboot c {\n    kernel k\n}\n");
        Path out = folder.resolve("out");
        Run run = kbootc("compile", spec.toString(), "-o", out.toString());
        assertEquals(0, run.status(), run.err());
        for (String jar : List.of("kboot-runtime.jar", "libjffi-1.2.so")) {
            assertTrue(Files.isSameFile(out.resolve("fleet.b/" + jar), out.resolve("fleet.c/" + jar)), jar);
            assertEquals(2, Files.getAttribute(out.resolve("fleet.b/" + jar), "unix:nlink"), jar);
        }
    }

    @Test
    void compileWritesNothingWhenAnyFileHasErrors() throws IOException {
        write("specs/good.kboot", GOOD);
        write("specs/bad.kboot", "boot broken { kernel nope }\n");
        Path out = folder.resolve("out");
        Run run = kbootc("compile", folder.resolve("specs").toString(), "-o", out.toString());
        assertEquals(1, run.status());
        assertEquals("kbootc: 1 error, 0 warnings in 2 files; nothing written\n", run.err());
        assertFalse(Files.exists(out));
        try (var leftovers = Files.list(folder)) {
            assertEquals(List.of("specs"), leftovers.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void fmtRewritesAndChecks() throws IOException {
        Path messy = write("messy.kboot", "kernel k{path \"/boot/vmlinuz\"}\nboot b{kernel k append \"quiet\"}");
        Path tidy = write("tidy.kboot", GOOD);
        Run check = kbootc("fmt", "--check", folder.toString());
        assertEquals(new Run(1, messy + "\n", ""), check);
        assertEquals("kernel k{path \"/boot/vmlinuz\"}\nboot b{kernel k append \"quiet\"}", Files.readString(messy));
        assertEquals(new Run(0, "", ""), kbootc("fmt", messy.toString()));
        assertEquals(GOOD, Files.readString(messy));
        assertEquals(new Run(0, "", ""), kbootc("fmt", "--check", messy.toString(), tidy.toString()));
    }

    @Test
    void fmtLeavesFilesWithSyntaxErrorsAlone() throws IOException {
        Path broken = write("broken.kboot", "boot b {\n");
        assertEquals(new Run(1, "", broken + ":1:9: error: mismatched input '<EOF>' expecting '}'; not formatted\n"),
                kbootc("fmt", broken.toString()));
        assertEquals("boot b {\n", Files.readString(broken));
    }

    @Test
    void inspectListsTheHeaderOfARealKernel() {
        Path kernel = DebianKernels.fetch("signed").path();
        Run run = kbootc("inspect", kernel.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("format              bzImage, boot protocol 2.15, EFI stub (PE)", lines.get(0));
        assertTrue(lines.contains("relocatable_kernel  yes"), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("payload ") && l.endsWith(", xz")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("certificate table ") && l.endsWith(" (signed)")), run.out());
        // The vmlinux inside the xz payload, and the PVH entry Xen's note publishes.
        assertTrue(lines.contains("ELF                 ELF64 x86-64 EXEC, entry 0x1000000, 4 PT_LOAD segments, 19 notes"), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("  PT_LOAD  paddr 0x1000000 +vaddr 0xffffffff81000000 .* R-X")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("  note     Xen   PHYS32_ENTRY \\(PVH\\) +0x10[0-9a-f]{5}")), run.out());
        assertTrue(lines.get(lines.size() - 1).matches("PVH entry           0x10[0-9a-f]{5}"), run.out());
    }

    @Test
    void inspectReadsAUnifiedKernelImage() throws Exception {
        Path uki = org.kexec.runtime.image.UkiImages.build(folder.resolve("uki"), DebianKernels.fetch("unsigned").path(),
                new byte[4096], "console=ttyS0 root=/dev/vda ro", "6.1.0-57-amd64");
        Run run = kbootc("inspect", uki.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("format              Unified Kernel Image (systemd-stub PE32+), unsigned", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches("  section  \\.initrd +4096 bytes at file offset 0x[0-9a-f]+")), run.out());
        assertTrue(lines.containsAll(List.of(".osrel              Debian GNU/Linux 12 (bookworm)", ".uname              6.1.0-57-amd64",
                ".cmdline            console=ttyS0 root=/dev/vda ro", "the kernel in .linux:")), run.out());
        assertTrue(lines.get(lines.indexOf("the kernel in .linux:") + 1).startsWith("format              bzImage, boot protocol 2.15"));
        assertTrue(lines.get(lines.size() - 1).startsWith("PVH entry           0x10"), run.out());
    }

    @Test
    void checkWarnsWhenABootReplacesASignedUkisCommandLine() throws Exception {
        Path uki = org.kexec.runtime.image.UkiImages.build(folder.resolve("uki"), DebianKernels.fetch("unsigned").path(),
                new byte[4096], "console=ttyS0 root=/dev/vda ro", "6.1.0-57-amd64");
        java.security.KeyPair caKeys = TestCertificates.keyPair();
        java.security.KeyPair signerKeys = TestCertificates.keyPair();
        write("ca.pem", TestCertificates.pem(TestCertificates.authority("CN=kboot test CA", caKeys)));
        write("signer.key", TestCertificates.pem(signerKeys.getPrivate()));
        write("signer.pem", TestCertificates.pem(TestCertificates.certificate("CN=signer", signerKeys, "CN=kboot test CA",
                caKeys, false, true)));
        Process sbsign = new ProcessBuilder("sbsign", "--key", folder.resolve("signer.key").toString(), "--cert",
                folder.resolve("signer.pem").toString(), "--output", folder.resolve("signed.efi").toString(), uki.toString())
                .redirectErrorStream(true).start();
        String said = new String(sbsign.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, sbsign.waitFor(), said);
        Path spec = write("uki.kboot", """
                package fleet.uki
                trust test_ca "ca.pem"
                kernel uki { path "signed.efi" signed by test_ca }
                boot replaced {
                    target linux
                    load kexec_file_load
                    kind default
                    kernel uki
                    cmdline { "console=ttyS0 quiet" }
                }
                """);
        assertEquals(new Run(0, spec + ":4:6: warning: kernel fleet.uki.uki is a Unified Kernel Image: the boot's command"
                + " line replaces its .cmdline \"console=ttyS0 root=/dev/vda ro\", which the UKI's signature covers: the command"
                + " line that boots is not the signed one; drop the boot's cmdline to boot the signed one"
                + " [org.kexec.dsl.ukiSignedCmdlineReplaced]\n", "kbootc: 0 errors, 1 warning in 1 file\n"), kbootc("check", spec.toString()));
    }

    @Test
    void inspectReadsAnElfVmlinux() throws IOException {
        Path vmlinux = folder.resolve("vmlinux");
        Files.write(vmlinux, org.kexec.runtime.image.ElfImages.vmlinux());
        assertEquals(new Run(0, """
                ELF                 ELF64 x86-64 EXEC, entry 0x1000000, 2 PT_LOAD segments, 1 notes
                  PT_LOAD  paddr 0x1000000    vaddr 0xffffffff81000000   filesz 0x2000      memsz 0x2000      R-X
                  PT_LOAD  paddr 0x1002000    vaddr 0xffffffff81002000   filesz 0x1000      memsz 0x2000      RW-
                  note     Xen   PHYS32_ENTRY (PVH)     0x1000850
                PVH entry           0x1000850
                """, ""), kbootc("inspect", vmlinux.toString()));
        Files.write(vmlinux, java.util.Arrays.copyOf(org.kexec.runtime.image.ElfImages.vmlinux(), 100));
        assertEquals(new Run(1, "", "kbootc: " + vmlinux + " is not an ELF kernel kboot reads: e_phoff: the program headers at"
                + " 0x40 (3 of 56 bytes) end past the file's 100 bytes\n"), kbootc("inspect", vmlinux.toString()));
    }

    @Test
    void inspectNamesTheBrokenField() throws IOException {
        Path notAKernel = write("notes.txt", "x".repeat(1024));
        assertEquals(new Run(1, "", "kbootc: " + notAKernel + " is not a bzImage kernel: boot_flag: is 0x7878 at 0x1fe,"
                + " not 0xaa55: not a bzImage.\n"), kbootc("inspect", notAKernel.toString()));
        Path kernel = folder.resolve("vmlinuz");
        Files.write(kernel, BzImages.withPeHeader(BzImages.debian12(0x8000), 0));
        assertTrue(kbootc("inspect", kernel.toString()).out().contains("certificate table   none (unsigned)\n"));
        assertEquals(new Run(1, "", "kbootc: " + folder + " is a directory, not an image file.\n"), kbootc("inspect", folder.toString()));
    }

    @Test
    void inspectRefusesWhatIsNoImageFileInOneLine() throws Exception {
        assertEquals(new Run(1, "", "kbootc: /dev/zero is not a regular file (a device, FIFO or socket): name the image"
                + " file itself.\n"), kbootc("inspect", "/dev/zero"));
        Path fifo = folder.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertEquals(new Run(1, "", "kbootc: " + fifo + " is not a regular file (a device, FIFO or socket): name the image"
                + " file itself.\n"), kbootc("inspect", fifo.toString()));
        Path sparse = folder.resolve("sparse.img");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(5L << 30);
        }
        assertEquals(new Run(1, "", "kbootc: " + sparse + " is 5G large; kboot reads images of at most 1G.\n"),
                kbootc("inspect", sparse.toString()));
        assertEquals(new Run(1, "", "kbootc: " + folder + " is a directory, not an image file.\n"), kbootc("inspect", folder.toString()));
    }

    /** A host root with Debian's real kernel and an initrd of {@code initrdSize} bytes, as the examples name them. */
    private Path hostRoot(int initrdSize) throws IOException {
        Path root = folder.resolve("root");
        Files.createDirectories(root.resolve("boot"));
        Files.copy(DebianKernels.fetch("unsigned").path(), root.resolve("boot/vmlinuz-6.1.0-56-amd64"));
        Files.write(root.resolve("boot/initrd.img-6.1.0-56-amd64"), new byte[initrdSize]);
        Files.createDirectories(root.resolve("var/lib/kdump"));
        Files.write(root.resolve("var/lib/kdump/initrd.img-6.1.0-56-amd64"), new byte[initrdSize]);
        return root;
    }

    private static Path example(String name) {
        return Path.of("../examples").resolve(name).toAbsolutePath().normalize();
    }

    @Test
    void planPrintsTheSegmentTableOfARealKernel() throws Exception {
        Path root = hostRoot(0x10ba87);
        Run run = kbootc("plan", example("fast-reboot.kboot").toString(), "--memmap", "qemu-1g", "--root", root.toString(),
                "--running-cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro");
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("plan for fleet.reboot.fast_reboot: linux, default, 4 segments", lines.get(0));
        assertEquals("  0  initrd initramfs         /boot/initrd.img-6.1.0-56-amd64      0x10ba87         0x3bef4000   0x10c000         0x3c000000", lines.get(2));
        SetupHeader header = SetupHeader.parse(Files.readAllBytes(root.resolve("boot/vmlinuz-6.1.0-56-amd64")));
        long size = Files.size(root.resolve("boot/vmlinuz-6.1.0-56-amd64"));
        long memsz = SegmentSizes.kernel(header, size);
        assertEquals(String.format("%3d  %-24s %-34s %10s %18s %10s %18s", 1, "kernel", "/boot/vmlinuz-6.1.0-56-amd64",
                "0x" + Long.toHexString(size - header.protectedModeOffset()), "0x3c000000", "0x" + Long.toHexString(memsz),
                "0x" + Long.toHexString(0x3c000000L + memsz)), lines.get(3));
        assertEquals("flags      0x3e0000 (KEXEC_ARCH_X86_64)", lines.get(7));
        assertEquals("cmdline    root=/dev/vda1 ro kboot.reason=fast-reboot", lines.get(8));
        assertTrue(lines.get(9).endsWith(" rip=0x3c000200"), lines.get(9));
        assertTrue(lines.get(10).startsWith("digest     sha256 over 3 regions: "), lines.get(10));
    }

    @Test
    void planKeepsCrashKernelsInTheCrashRegion() throws IOException {
        Path root = hostRoot(0x100000);
        Run run = kbootc("plan", example("kdump.kboot").toString(), "--root", root.toString(), "--format", "json");
        assertEquals(0, run.status(), run.err());
        com.google.gson.JsonObject plan = com.google.gson.JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals("0x3e0001", plan.get("flags").getAsString());
        List<String> roles = new java.util.ArrayList<>();
        for (var element : plan.getAsJsonArray("segments")) {
            var segment = element.getAsJsonObject();
            roles.add(segment.get("role").getAsString());
            long mem = Long.decode(segment.get("mem").getAsString());
            long end = mem + Long.decode(segment.get("memsz").getAsString());
            assertTrue(mem >= 0x23000000L && end <= 0x33000000L, segment + " lies in the qemu-1g crash region");
        }
        assertEquals(List.of("kernel", "initrd kdump_initramfs", "boot_params", "elfcorehdr", "backup", "purgatory"), roles);
        assertTrue(plan.get("cmdline").getAsString().matches(".* irqpoll elfcorehdr=0x[0-9a-f]+"), plan.get("cmdline").toString());
    }

    @Test
    void planSaysWhyThereIsNoPlan() throws IOException {
        Path root = hostRoot(0x1000);
        Path map = write("nocrash.iomem", "00100000-3fffffff : System RAM\n");
        assertEquals(new Run(1, "", "kbootc: fleet.kdump.crash_kernel cannot be loaded on this host: EADDRNOTAVAIL (the load):"
                + " no crash region is reserved:"
                + " boot the host with crashkernel=, e.g. crashkernel=256M\n"),
                kbootc("plan", example("kdump.kboot").toString(), "--root", root.toString(), "--memmap", map.toString()));
        Files.delete(root.resolve("var/lib/kdump/initrd.img-6.1.0-56-amd64"));
        assertEquals(new Run(1, "", "kbootc: fleet.kdump.crash_kernel cannot be loaded: kboot refuses the load: "
                + root.resolve("var/lib/kdump/initrd.img-6.1.0-56-amd64")
                + " (image fleet.debian.kdump_initramfs) does not exist.\n"),
                kbootc("plan", example("kdump.kboot").toString(), "--root", root.toString()));
    }

    /** A spec that follows kernel updates: compiled into a loader, planned with the release the host has. */
    @Test
    void kernelsChosenOnTheHostCompileAndPlan() throws Exception {
        Path spec = write("host.kboot", """
                package fleet.host

                kernel installed {
                    path "/boot/vmlinuz-{release}"
                    release newest
                }

                initrd installed_initrd {
                    path "/boot/initrd.img-{release}"
                }

                boot next_kernel {
                    kernel installed
                    initrd installed_initrd
                    cmdline {
                        "root=/dev/vda1 ro"
                    }
                    placement {
                        memmap profile "qemu-1g"
                    }
                }
                """);
        Run compiled = kbootc("compile", spec.toString(), "-o", folder.resolve("out").toString());
        assertEquals(0, compiled.status(), compiled.err());
        assertTrue(Files.readString(folder.resolve("out/fleet.host.next_kernel/BootLoader.java")).contains(
                "new ImageSpec(\"fleet.host.installed\", ImageRole.KERNEL, \"/boot/vmlinuz-{release}\", Optional.empty(), List.of(),"
                        + " Optional.of(ReleaseSelector.NEWEST))"));
        assertTrue(Files.readString(folder.resolve("out/fleet.host.next_kernel/boot.json")).contains("\"release\": \"newest\""));

        Path root = folder.resolve("root");
        Files.createDirectories(root.resolve("boot"));
        Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.copy(DebianKernels.fetch("unsigned").path(), root.resolve("boot/vmlinuz-6.1.0-9-amd64"));
        Files.copy(DebianKernels.fetch("unsigned").path(), root.resolve("boot/vmlinuz-6.1.0-10-amd64"));
        Files.write(root.resolve("boot/initrd.img-6.1.0-10-amd64"), new byte[0x1000]);
        Run plan = kbootc("plan", spec.toString(), "--root", root.toString());
        assertEquals(0, plan.status(), plan.err());
        assertEquals(List.of("kernel fleet.host.installed: release newest is 6.1.0-10-amd64 (of 6.1.0-9-amd64, 6.1.0-10-amd64,"
                + " in Debian's version order): /boot/vmlinuz-6.1.0-10-amd64; initrd fleet.host.installed_initrd:"
                + " /boot/initrd.img-6.1.0-10-amd64", "plan for fleet.host.next_kernel: linux, default, 4 segments"),
                plan.out().lines().limit(2).toList());
        Files.delete(root.resolve("boot/initrd.img-6.1.0-10-amd64"));
        assertEquals(new Run(1, "", "kbootc: fleet.host.next_kernel cannot be loaded: kboot refuses the load: "
                + root.resolve("boot/initrd.img-6.1.0-10-amd64") + " (image fleet.host.installed_initrd) does not exist.\n"),
                kbootc("plan", spec.toString(), "--root", root.toString()));
    }

    /** A review page says what the host decides about a kernel it chooses, and what the review did instead. */
    @Test
    void reviewSaysWhatTheHostChooses() throws Exception {
        Path spec = write("specs/host.kboot", """
                package fleet.host

                kernel installed {
                    path "/boot/vmlinuz-{release}"
                    release newest
                }

                kernel running_kernel {
                    path "/boot/vmlinuz-{release}"
                }

                kernel bls {
                    entry default
                }

                boot next {
                    kernel installed
                }

                boot same {
                    kernel running_kernel
                }

                boot from_entry {
                    kernel bls
                }
                """);
        Run run = kbootc("review", spec.getParent().toString(), "-o", folder.resolve("review").toString(), "--running-release",
                "6.1.0-57-amd64");
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.readString(folder.resolve("review/fleet.host.next.md")).contains("- The host chooses the kernel: the newest"
                + " installed /boot/vmlinuz-{release}; this review chose among the kernels it found.\n"));
        assertTrue(Files.readString(folder.resolve("review/fleet.host.same.md")).contains("- The host chooses the kernel:"
                + " /boot/vmlinuz-{release} with the release it runs; this review planned with the release given,"
                + " 6.1.0-57-amd64.\n"));
        assertTrue(Files.readString(folder.resolve("review/fleet.host.from_entry.md")).contains("- The host chooses the kernel: its"
                + " Boot Loader Spec default entry; this review read the entries it found.\n"));
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : List.of("check", "compile", "fmt", "inspect", "plan")) {
            Run run = kbootc(command, "--help");
            assertEquals(0, run.status());
            assertTrue(run.out().contains("Examples:\n  kbootc " + command), run.out());
        }
        assertTrue(kbootc("--help").out().contains("  kbootc compile examples -o out"));
    }
}
