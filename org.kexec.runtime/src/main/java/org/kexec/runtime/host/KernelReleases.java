package org.kexec.runtime.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexec.runtime.rules.Rule;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.CmdlineSpec;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.ReleaseSelector;

/**
 * Chooses the kernel a boot loads on this host when its paths name {@code {release}} or it takes the Boot Loader
 * Spec default entry ({@link BootLoaderEntries}): the running release, or the newest installed in the host's version order (dpkg's where {@code /var/lib/dpkg} exists, rpm's where an rpm
 * database does), found by listing the folder where the release appears in the path
 * ({@code /boot/vmlinuz-{release}}, {@code /lib/modules/{release}/vmlinuz}); initrds take the kernel's release. The
 * result is the boot with plain paths, and a sentence saying what was chosen and why.
 */
public final class KernelReleases {

    /**
     * A boot with the host's release filled in, and what was chosen ({@code kernel fleet.x: release newest is ...});
     * empty when the boot names no release.
     */
    public record Chosen(BootSpec spec, Optional<String> said) {
    }

    private KernelReleases() {
    }

    /**
     * How an image names a release, if it breaks the rules: only {@code {release}} may appear in braces; a kernel naming
     * it takes {@code release running} (the default) or {@code newest}, and a kernel with a selector names it; an
     * initrd follows its kernel and has no selector of its own.
     */
    public static Optional<Violation> check(ImageSpec image) {
        String withoutRelease = image.path().replace(ImageSpec.RELEASE, "");
        if (withoutRelease.contains("{") || withoutRelease.contains("}")) {
            return Optional.of(rule(image.path() + " (image " + image.name() + ") has a placeholder kboot does not know: the"
                    + " only one is " + ImageSpec.RELEASE + "."));
        }
        if (image.release().isPresent() && image.role() == ImageRole.INITRD) {
            return Optional.of(rule("initrd " + image.name() + " takes the release of its boot's kernel: remove 'release "
                    + image.release().get().keyword() + "' and write " + ImageSpec.RELEASE + " in its path."));
        }
        boolean entry = image.release().equals(Optional.of(ReleaseSelector.DEFAULT_ENTRY));
        if (entry && !image.path().equals(ImageSpec.DEFAULT_ENTRY_PATH)) {
            return Optional.of(rule("kernel " + image.name() + " takes its file from the Boot Loader Spec default entry: remove"
                    + " its path " + image.path() + "."));
        }
        if (image.release().isPresent() && !image.chosenOnHost()) {
            return Optional.of(rule("kernel " + image.name() + " has 'release " + image.release().get().keyword() + "' but its path"
                    + " names no " + ImageSpec.RELEASE + ": write it where the release goes, e.g. /boot/vmlinuz-" + ImageSpec.RELEASE + "."));
        }
        return Optional.empty();
    }

    /** A boot whose initrd names {@code {release}} needs a kernel that names one for it to follow. */
    public static Optional<Violation> check(BootSpec spec) {
        if (spec.kernel().chosenOnHost()) {
            return Optional.empty();
        }
        return spec.initrds().stream().filter(ImageSpec::chosenOnHost).findFirst().map(initrd -> rule(initrd.path()
                + " (image " + initrd.name() + ") names " + ImageSpec.RELEASE + ", but the boot's kernel " + spec.kernel().name()
                + " names no release for it to follow: write the kernel's path with " + ImageSpec.RELEASE + "."));
    }

    /** Fills in the release of {@code spec}'s images on the host that {@code files} and {@code facts} describe. */
    public static Chosen choose(BootSpec spec, HostFiles files, HostFacts facts) throws ViolationException {
        ImageSpec kernel = spec.kernel();
        Optional<Violation> broken = check(spec).or(() -> check(kernel));
        for (ImageSpec initrd : spec.initrds()) {
            broken = broken.or(() -> check(initrd));
        }
        if (broken.isPresent()) {
            throw new ViolationException(broken.get());
        }
        if (!kernel.chosenOnHost()) {
            return new Chosen(spec, Optional.empty());
        }
        ReleaseSelector selector = kernel.release().orElse(ReleaseSelector.RUNNING);
        if (selector == ReleaseSelector.DEFAULT_ENTRY) {
            return fromDefaultEntry(spec, files);
        }
        String release;
        String why;
        if (selector == ReleaseSelector.RUNNING) {
            try {
                release = facts.runningRelease();
            } catch (IOException e) {
                throw refusal("cannot tell the running kernel's release, which " + kernel.name() + " (release running) needs: "
                        + e.getMessage());
            }
            why = "release running is " + release;
        } else {
            VersionOrder order = orderOf(files);
            List<String> installed = installed(kernel.path(), files);
            if (installed.isEmpty()) {
                throw refusal("no installed kernel matches " + kernel.path() + " (image " + kernel.name() + ", release newest): "
                        + files.resolve(folderOf(kernel.path())) + " holds none.");
            }
            installed.sort(order);
            release = installed.get(installed.size() - 1);
            why = "release newest is " + release + " (of " + String.join(", ", installed) + ", in " + order.description() + ")";
        }
        List<ImageSpec> initrds = new ArrayList<>();
        for (ImageSpec initrd : spec.initrds()) {
            initrds.add(initrd.chosenOnHost() ? initrd.atRelease(release) : initrd);
        }
        BootSpec chosen = new BootSpec(spec.name(), spec.target(), spec.lockdown(), spec.loadMode(), spec.kind(), spec.entry(),
                kernel.atRelease(release), initrds, spec.cmdline(), spec.crash(), spec.purgatory(), spec.placement());
        StringBuilder said = new StringBuilder("kernel " + kernel.name() + ": " + why + ": " + chosen.kernel().path());
        for (int i = 0; i < initrds.size(); i++) {
            if (spec.initrds().get(i).chosenOnHost()) {
                said.append("; initrd ").append(initrds.get(i).name()).append(": ").append(initrds.get(i).path());
            }
        }
        return new Chosen(chosen, Optional.of(said.toString()));
    }

    /**
     * The boot with the Boot Loader Spec default entry's kernel, its initrds before the boot's own, and its options
     * before the boot's command-line parts; initrds naming {@code {release}} take the entry's version.
     */
    private static Chosen fromDefaultEntry(BootSpec spec, HostFiles files) throws ViolationException {
        ImageSpec kernel = spec.kernel();
        BootLoaderEntries.Default chosen = BootLoaderEntries.findDefault(files);
        BootLoaderEntries.Entry entry = chosen.entry();
        List<ImageSpec> initrds = new ArrayList<>();
        for (int i = 0; i < entry.initrds().size(); i++) {
            initrds.add(new ImageSpec(kernel.name() + "_initrd" + (i + 1), ImageRole.INITRD, entry.onHost(entry.initrds().get(i)),
                    Optional.empty(), List.of()));
        }
        for (ImageSpec initrd : spec.initrds()) {
            if (initrd.chosenOnHost() && entry.version().isEmpty()) {
                throw refusal(initrd.path() + " (image " + initrd.name() + ") names " + ImageSpec.RELEASE + ", but the default"
                        + " entry " + entry.id() + " has no version line to take it from.");
            }
            initrds.add(initrd.chosenOnHost() ? initrd.atRelease(entry.version().get()) : initrd);
        }
        List<String> parts = new ArrayList<>();
        if (!entry.options().isEmpty()) {
            parts.add(entry.options());
        }
        parts.addAll(spec.cmdline().parts());
        CmdlineSpec cmdline = new CmdlineSpec(spec.cmdline().reuseRunning(), spec.cmdline().dropped(), parts,
                spec.cmdline().appended());
        ImageSpec entryKernel = new ImageSpec(kernel.name(), ImageRole.KERNEL, entry.onHost(entry.linux()), kernel.digest(),
                kernel.signers());
        BootSpec boot = new BootSpec(spec.name(), spec.target(), spec.lockdown(), spec.loadMode(), spec.kind(), spec.entry(), entryKernel,
                initrds, cmdline, spec.crash(), spec.purgatory(), spec.placement());
        return new Chosen(boot, Optional.of("kernel " + kernel.name() + ": the Boot Loader Spec default entry is " + entry.id()
                + " (" + chosen.why() + "): " + entryKernel.path() + initrds.stream().map(i -> ", initrd " + i.path())
                .reduce("", String::concat) + (entry.options().isEmpty() ? "" : ", options " + entry.options())));
    }

    /** The host's version order: dpkg's on Debian and its derivatives, rpm's on the RPM family, else dpkg's. */
    static VersionOrder orderOf(HostFiles files) {
        boolean rpm = Files.isDirectory(files.resolve("/var/lib/rpm")) || Files.isDirectory(files.resolve("/usr/lib/sysimage/rpm"));
        return rpm && !Files.isDirectory(files.resolve("/var/lib/dpkg")) ? VersionOrder.RPM : VersionOrder.DEBIAN;
    }

    /**
     * The releases for which {@code template} names a regular file: the names in the folder before the path element
     * that holds {@code {release}}, matched around it.
     */
    private static List<String> installed(String template, HostFiles files) throws ViolationException {
        String folder = folderOf(template);
        String rest = template.substring(folder.length());
        int end = rest.indexOf('/', 1);
        String element = (end < 0 ? rest : rest.substring(0, end)).replaceFirst("^/", "");
        int at = element.indexOf(ImageSpec.RELEASE);
        String prefix = element.substring(0, at);
        String suffix = element.substring(at + ImageSpec.RELEASE.length());
        List<String> releases = new ArrayList<>();
        Path listed = files.resolve(folder.isEmpty() ? (template.startsWith("/") ? "/" : ".") : folder);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(listed)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.length() > prefix.length() + suffix.length() && name.startsWith(prefix) && name.endsWith(suffix)) {
                    String release = name.substring(prefix.length(), name.length() - suffix.length());
                    if (!release.contains(ImageSpec.RELEASE) && Files.isRegularFile(files.resolve(template.replace(ImageSpec.RELEASE, release)))) {
                        releases.add(release);
                    }
                }
            }
        } catch (IOException e) {
            throw refusal("cannot list " + listed + " for the kernels " + template + " names: " + e.getMessage());
        }
        return releases;
    }

    /** The folder before the path element that names {@code {release}}: {@code /boot} of {@code /boot/vmlinuz-{release}}. */
    private static String folderOf(String template) {
        int at = template.indexOf(ImageSpec.RELEASE);
        return template.substring(0, Math.max(0, template.lastIndexOf('/', at)));
    }

    private static Violation rule(String reason) {
        return Violation.of(Rule.IMAGE_RELEASE, null, reason);
    }

    private static ViolationException refusal(String reason) {
        return new ViolationException(Violation.of(Rule.IMAGE_FILE, null, reason));
    }
}
