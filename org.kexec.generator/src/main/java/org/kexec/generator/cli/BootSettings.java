package org.kexec.generator.cli;

import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__APPENDS;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__ENTRY;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__INITRDS;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__KERNEL;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__KIND;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__LOAD;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__TARGET;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CRASH__BACKUP_SIZE;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CRASH__ELFCOREHDR;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CRASH__NO_BACKUP;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CRASH__RESERVATION;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PLACEMENT__MEMMAP;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PLACEMENT__POLICY;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PURGATORY__CONSOLE;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PURGATORY__CONSOLE_OFF;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PURGATORY__HASH;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.FixedPlacement;
import org.kexec.dsl.kboot.RegisterAssignment;
import org.kexec.dsl.model.Declarations;
import org.kexec.dsl.model.EffectiveBoot;
import org.kexec.generator.review.ReviewedBoot.Setting;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.CrashSpec;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.PlacementSpec;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.RegisterValue;
import org.kexec.runtime.spec.TrustAnchorSpec;
import org.kexec.runtime.units.Sizes;

/**
 * Every setting of a boot as it takes effect, with where it was declared: the value from the resolved
 * {@link BootSpec} (defaults filled in), the place from the {@code extends} chain ({@link EffectiveBoot}), so a
 * reviewer sees that a child's hash came from its parent two files away.
 */
final class BootSettings {

    private static final String DEFAULT = "default";

    private final EffectiveBoot effective;
    private final Function<EObject, String> fileOf;

    /** @param fileOf the name a reviewer knows a declaration's file by */
    private BootSettings(EffectiveBoot effective, Function<EObject, String> fileOf) {
        this.effective = effective;
        this.fileOf = fileOf;
    }

    static List<Setting> of(Boot boot, BootSpec spec, Function<EObject, String> fileOf) {
        return new BootSettings(EffectiveBoot.of(boot), fileOf).settings(spec);
    }

    private List<Setting> settings(BootSpec spec) {
        List<Setting> settings = new ArrayList<>();
        settings.add(new Setting("target", spec.target().keyword() + (spec.lockdown() ? " lockdown" : ""),
                origin(b -> b, BOOT__TARGET)));
        settings.add(new Setting("load", spec.loadMode().keyword(), origin(b -> b, BOOT__LOAD)));
        settings.add(new Setting("kind", spec.kind().keyword(), origin(b -> b, BOOT__KIND)));
        settings.add(new Setting("kernel", image(spec.kernel()), origin(b -> b, BOOT__KERNEL)));
        settings.add(new Setting("entry", spec.entry().keyword(), origin(b -> b, BOOT__ENTRY)));
        settings.add(new Setting("initrd", spec.initrds().isEmpty() ? "none"
                : spec.initrds().stream().map(BootSettings::image).collect(Collectors.joining("; ")), origin(b -> b, BOOT__INITRDS)));
        settings.add(new Setting("cmdline", cmdline(spec), effective.cmdline().map(this::place).orElse(DEFAULT)));
        settings.add(new Setting("append", spec.cmdline().appended().isEmpty() ? "none"
                : spec.cmdline().appended().stream().map(BootSettings::quoted).collect(Collectors.joining(" ")), appendOrigin()));
        spec.crash().ifPresent(crash -> crash(settings, crash));
        if (spec.loadMode() != LoadMode.KEXEC_FILE_LOAD) {
            settings.add(new Setting("purgatory hash", spec.purgatory().hash().keyword(), origin(Boot::getPurgatory, PURGATORY__HASH)));
            settings.add(new Setting("purgatory console", spec.purgatory().console()
                    .map(c -> "serial " + Sizes.hex(c.port()) + " baud " + c.baud()).orElse("none"),
                    origin(Boot::getPurgatory, PURGATORY__CONSOLE, PURGATORY__CONSOLE_OFF)));
            Map<String, RegisterAssignment> declared = effective.registers();
            for (Map.Entry<Register, RegisterValue> register : new java.util.TreeMap<>(spec.purgatory().registers()).entrySet()) {
                RegisterAssignment assignment = declared.get(register.getKey().keyword());
                settings.add(new Setting("register " + register.getKey().keyword(), register.getValue().toString(),
                        assignment == null ? DEFAULT : place(assignment)));
            }
        }
        PlacementSpec placement = spec.placement();
        settings.add(new Setting("placement memmap", placement.memmap()
                .map(m -> (m.profile() ? "profile " : "file ") + quoted(m.name())).orElse("none"),
                origin(Boot::getPlacement, PLACEMENT__MEMMAP)));
        settings.add(new Setting("placement policy", placement.policy().keyword()
                + placement.limit().map(limit -> " below " + Sizes.human(limit)).orElse(""), origin(Boot::getPlacement, PLACEMENT__POLICY)));
        Map<String, FixedPlacement> fixed = effective.fixedPlacements();
        for (FixedPlacement placed : fixed.values()) {
            settings.add(new Setting("placement " + EffectiveBoot.placedKey(placed), "at " + Sizes.hex(placed.getAddress()),
                    place(placed)));
        }
        return settings;
    }

    private void crash(List<Setting> settings, CrashSpec crash) {
        settings.add(new Setting("crash reservation", crash.reservation().map(Sizes::human).orElse("none"),
                origin(Boot::getCrash, CRASH__RESERVATION)));
        settings.add(new Setting("crash backup", crash.backup().map(b -> Sizes.human(b.size()) + " from " + Sizes.hex(b.source()))
                .orElse("none"), origin(Boot::getCrash, CRASH__BACKUP_SIZE, CRASH__NO_BACKUP)));
        settings.add(new Setting("crash elfcorehdr", crash.coreFormat().keyword(), origin(Boot::getCrash, CRASH__ELFCOREHDR)));
    }

    private static String cmdline(BootSpec spec) {
        List<String> words = new ArrayList<>();
        if (spec.cmdline().reuseRunning()) {
            words.add("reuse running");
        }
        spec.cmdline().dropped().forEach(d -> words.add("drop " + quoted(d)));
        spec.cmdline().parts().forEach(p -> words.add(quoted(p)));
        return words.isEmpty() ? "none" : String.join(" ", words);
    }

    private static String image(ImageSpec image) {
        return image.name() + " = " + image.path() + image.release().map(r -> ", release " + r.keyword()).orElse("")
                + image.digest().map(d -> ", digest " + d).orElse("")
                + (image.signatureRequired() ? ", signed by "
                + image.signers().stream().map(TrustAnchorSpec::name).collect(Collectors.joining(", ")) : "");
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    /** Where the nearest boot of the chain declares any of {@code features} in the block {@code block} selects. */
    private String origin(Function<Boot, ? extends EObject> block, EStructuralFeature... features) {
        for (Boot current : effective.chain()) {
            EObject owner = block.apply(current);
            if (owner == null) {
                continue;
            }
            for (EStructuralFeature feature : features) {
                if (Declarations.isDeclared(owner, feature)) {
                    return place(owner, feature);
                }
            }
        }
        return DEFAULT;
    }

    /** Every boot of the chain that appends, the root's first. */
    private String appendOrigin() {
        List<String> places = new ArrayList<>();
        for (int i = effective.chain().size() - 1; i >= 0; i--) {
            Boot current = effective.chain().get(i);
            if (!current.getAppends().isEmpty()) {
                places.add(place(current, BOOT__APPENDS));
            }
        }
        return places.isEmpty() ? DEFAULT : String.join(", ", places);
    }

    /** {@code file:line (boot)} of a declaration: a block, a register or a fixed placement. */
    private String place(EObject declaration) {
        return place(declaration, Optional.ofNullable(NodeModelUtils.getNode(declaration)).map(INode::getStartLine).orElse(1));
    }

    /** {@code file:line (boot)} of the first place {@code owner} sets {@code feature}. */
    private String place(EObject owner, EStructuralFeature feature) {
        List<INode> nodes = Declarations.nodes(owner, feature);
        return nodes.isEmpty() ? place(owner) : place(owner, nodes.get(0).getStartLine());
    }

    private String place(EObject declaration, int line) {
        Boot boot = declaration instanceof Boot b ? b : EcoreUtil2.getContainerOfType(declaration, Boot.class);
        return fileOf.apply(declaration) + ":" + line + (boot == null ? "" : " (" + qualifiedName(boot) + ")");
    }

    private static String qualifiedName(Boot boot) {
        EObject spec = boot.eContainer();
        String packageName = spec instanceof org.kexec.dsl.kboot.Spec s ? s.getName() : null;
        return packageName == null ? boot.getName() : packageName + "." + boot.getName();
    }
}
