package org.kexec.dsl.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.Tuples;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.BootKind;
import org.kexec.dsl.kboot.Cmdline;
import org.kexec.dsl.kboot.Crash;
import org.kexec.dsl.kboot.FixedPlacement;
import org.kexec.dsl.kboot.HashAlgorithm;
import org.kexec.dsl.kboot.Image;
import org.kexec.dsl.kboot.KernelEntry;
import org.kexec.dsl.kboot.LoadMode;
import org.kexec.dsl.kboot.Placement;
import org.kexec.dsl.kboot.Purgatory;
import org.kexec.dsl.kboot.RegisterAssignment;
import org.kexec.dsl.kboot.Target;

import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__ENTRY;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__INITRDS;
import static org.kexec.dsl.kboot.KbootPackage.Literals.FIXED_PLACEMENT__INITRD;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__KERNEL;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__KIND;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__LOAD;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__TARGET;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PURGATORY__HASH;

/**
 * A boot as it takes effect: every setting from the nearest boot in its {@code extends} chain that declares it,
 * the boot itself first. Blocks merge setting by setting (a child's {@code purgatory { hash sha512 }} keeps the
 * parent's registers); registers and fixed placements merge by name; additions ({@code append}) accumulate,
 * the parent's first. The validator and the BootSpec conversion both read boots through this view.
 */
public final class EffectiveBoot {

    private final Boot boot;
    private final List<Boot> chain;
    private final boolean cyclic;
    /** Which object declares each feature: a feature belongs to one block, so it alone is the key. */
    private final Map<EStructuralFeature, Optional<EObject>> declarations = new java.util.concurrent.ConcurrentHashMap<>();

    private EffectiveBoot(Boot boot, List<Boot> chain, boolean cyclic) {
        this.boot = boot;
        this.chain = chain;
        this.cyclic = cyclic;
    }

    /**
     * The view of {@code boot}; an extends cycle or an unresolved parent ends the chain where it occurs. Cached with
     * the resource until it changes, since every rule about a boot asks for it.
     */
    public static EffectiveBoot of(Boot boot) {
        if (boot.eResource() instanceof XtextResource resource) {
            return resource.getCache().get(Tuples.pair(EffectiveBoot.class, boot), resource, () -> compute(boot));
        }
        return compute(boot);
    }

    private static EffectiveBoot compute(Boot boot) {
        List<Boot> chain = new ArrayList<>();
        boolean cyclic = false;
        for (Boot current = boot; current != null && !current.eIsProxy(); current = current.getParent()) {
            if (chain.contains(current)) {
                cyclic = true;
                break;
            }
            chain.add(current);
        }
        return new EffectiveBoot(boot, Collections.unmodifiableList(chain), cyclic);
    }

    public Boot boot() {
        return boot;
    }

    /** The boot, its parent, its grandparent, …: each at most once. */
    public List<Boot> chain() {
        return chain;
    }

    /** True when following {@code extends} leads back to a boot already visited. */
    public boolean cyclic() {
        return cyclic;
    }

    /**
     * The object that declares {@code feature} in the nearest boot of the chain: the boot itself for boot-level
     * settings, or the block {@code block} selects (purgatory, crash, placement, cmdline).
     */
    @SuppressWarnings("unchecked")
    public <T extends EObject> Optional<T> declaring(Function<Boot, T> block, EStructuralFeature feature) {
        return (Optional<T>) declarations.computeIfAbsent(feature, f -> {
            for (Boot current : chain) {
                T owner = block.apply(current);
                if (Declarations.isDeclared(owner, f)) {
                    return Optional.of(owner);
                }
            }
            return Optional.empty();
        });
    }

    /** The nearest declared value of a boot-level {@code feature}. */
    @SuppressWarnings("unchecked")
    public <V> Optional<V> value(EStructuralFeature feature) {
        return declaring(b -> b, feature).map(owner -> (V) owner.eGet(feature));
    }

    /** The nearest declared value of {@code feature} in the block {@code block} selects. */
    @SuppressWarnings("unchecked")
    public <T extends EObject, V> Optional<V> value(Function<Boot, T> block, EStructuralFeature feature) {
        return declaring(block, feature).map(owner -> (V) owner.eGet(feature));
    }

    public Target target() {
        return this.<Target>value(BOOT__TARGET).orElse(Target.LINUX);
    }

    /** Lockdown goes with the {@code target} line that declares it. */
    public boolean lockdown() {
        return declaring(b -> b, BOOT__TARGET).map(Boot::isLockdown).orElse(false);
    }

    public LoadMode load() {
        return this.<LoadMode>value(BOOT__LOAD).orElse(LoadMode.KEXEC_LOAD);
    }

    public KernelEntry entry() {
        return this.<KernelEntry>value(BOOT__ENTRY).orElse(KernelEntry.BOOT_PROTOCOL);
    }

    public BootKind kind() {
        return this.<BootKind>value(BOOT__KIND).orElse(BootKind.DEFAULT);
    }

    public Optional<Image> kernel() {
        return value(BOOT__KERNEL);
    }

    /** The initrds of the nearest boot that lists any; a child's list replaces its parent's. */
    public List<Image> initrds() {
        return declaring(b -> b, BOOT__INITRDS).map(Boot::getInitrds).map(List::copyOf).orElse(List.of());
    }

    /** The nearest {@code cmdline} block; a child's replaces its parent's. */
    public Optional<Cmdline> cmdline() {
        for (Boot current : chain) {
            if (current.getCmdline() != null) {
                return Optional.of(current.getCmdline());
            }
        }
        return Optional.empty();
    }

    /** Every {@code append} of the chain, the root's first. */
    public List<String> appends() {
        List<String> appends = new ArrayList<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            appends.addAll(chain.get(i).getAppends());
        }
        return appends;
    }

    public HashAlgorithm hash() {
        return this.<Purgatory, HashAlgorithm>value(Boot::getPurgatory, PURGATORY__HASH).orElse(HashAlgorithm.SHA256);
    }

    /** Register assignments by register name, nearest first; later duplicates inside one block are ignored. */
    public Map<String, RegisterAssignment> registers() {
        Map<String, RegisterAssignment> registers = new LinkedHashMap<>();
        for (Boot current : chain) {
            if (current.getPurgatory() != null) {
                for (RegisterAssignment assignment : current.getPurgatory().getRegisters()) {
                    registers.putIfAbsent(assignment.getRegister(), assignment);
                }
            }
        }
        return registers;
    }

    /** Every {@code crash} block of the chain, nearest first. */
    public List<Crash> crashBlocks() {
        return blocks(Boot::getCrash);
    }

    /** Every {@code purgatory} block of the chain, nearest first. */
    public List<Purgatory> purgatoryBlocks() {
        return blocks(Boot::getPurgatory);
    }

    /** Every {@code placement} block of the chain, nearest first. */
    public List<Placement> placementBlocks() {
        return blocks(Boot::getPlacement);
    }

    /** Fixed placements by what they place ("kernel" or the initrd's name), nearest first. */
    public Map<String, FixedPlacement> fixedPlacements() {
        Map<String, FixedPlacement> fixed = new LinkedHashMap<>();
        for (Placement placement : placementBlocks()) {
            for (FixedPlacement placed : placement.getFixed()) {
                fixed.putIfAbsent(placedKey(placed), placed);
            }
        }
        return fixed;
    }

    /** What a fixed placement places: {@code kernel}, or {@code initrd <name as written>}. */
    public static String placedKey(FixedPlacement placed) {
        if (placed.isKernel()) {
            return "kernel";
        }
        List<INode> nodes = Declarations.nodes(placed, FIXED_PLACEMENT__INITRD);
        return "initrd " + (nodes.isEmpty() ? placed.getInitrd().getName() : NodeModelUtils.getTokenText(nodes.get(0)));
    }

    private <T extends EObject> List<T> blocks(Function<Boot, T> block) {
        List<T> blocks = new ArrayList<>();
        for (Boot current : chain) {
            T owner = block.apply(current);
            if (owner != null) {
                blocks.add(owner);
            }
        }
        return blocks;
    }
}
