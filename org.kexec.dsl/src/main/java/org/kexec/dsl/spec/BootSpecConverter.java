package org.kexec.dsl.spec;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.Cmdline;
import org.kexec.dsl.kboot.Crash;
import org.kexec.dsl.kboot.FileMemmap;
import org.kexec.dsl.kboot.FixedPlacement;
import org.kexec.dsl.kboot.Image;
import org.kexec.dsl.kboot.KbootPackage;
import org.kexec.dsl.kboot.LiteralValue;
import org.kexec.dsl.kboot.MemmapSource;
import org.kexec.dsl.kboot.Placement;
import org.kexec.dsl.kboot.ProfileMemmap;
import org.kexec.dsl.kboot.Purgatory;
import org.kexec.dsl.kboot.RegisterAssignment;
import org.kexec.dsl.kboot.SerialConsole;
import org.kexec.dsl.kboot.SymbolValue;
import org.kexec.dsl.kboot.TrustAnchor;
import org.kexec.dsl.model.Declarations;
import org.kexec.dsl.model.EffectiveBoot;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.CmdlineSpec;
import org.kexec.runtime.spec.CoreFormat;
import org.kexec.runtime.spec.CrashSpec;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.ReleaseSelector;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.PinnedDigest;
import org.kexec.runtime.spec.PlacementPolicy;
import org.kexec.runtime.spec.PlacementSpec;
import org.kexec.runtime.spec.PurgatorySpec;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.RegisterSymbol;
import org.kexec.runtime.spec.RegisterValue;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.spec.TrustAnchorSpec;

import static org.kexec.dsl.kboot.KbootPackage.Literals.CRASH__BACKUP_SIZE;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CRASH__ELFCOREHDR;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CRASH__RESERVATION;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PLACEMENT__LIMIT;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PLACEMENT__MEMMAP;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PLACEMENT__POLICY;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PURGATORY__CONSOLE;
import static org.kexec.dsl.kboot.KbootPackage.Literals.SERIAL_CONSOLE__BAUD;

/**
 * Turns a boot of a spec without errors into the runtime's {@link BootSpec}: inheritance applied (through
 * {@link EffectiveBoot}), references replaced by what they name, defaults filled in.
 */
public class BootSpecConverter {

    @Inject
    private IQualifiedNameProvider names;

    /**
     * Converts one boot.
     *
     * @throws IllegalStateException when the boot has errors the validator reports (no kernel, a bad digest)
     */
    public BootSpec convert(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        Image kernel = effective.kernel().orElseThrow(() -> new IllegalStateException("Boot " + boot.getName() + " has no kernel."));
        BootKind kind = RuntimeEnums.convert(effective.kind(), BootKind.class);
        return new BootSpec(
                name(boot),
                RuntimeEnums.convert(effective.target(), Target.class),
                effective.lockdown(),
                RuntimeEnums.convert(effective.load(), LoadMode.class),
                kind,
                entry(effective),
                image(kernel),
                effective.initrds().stream().map(this::image).toList(),
                cmdline(effective),
                kind == BootKind.CRASH ? Optional.of(crash(effective)) : Optional.empty(),
                purgatory(effective),
                placement(effective, RuntimeEnums.convert(effective.target(), Target.class), kind));
    }

    /** One image declaration as the runtime sees it. */
    public ImageSpec image(Image image) {
        Optional<PinnedDigest> digest = Optional.ofNullable(image.getDigest()).map(PinnedDigest::parse);
        List<TrustAnchorSpec> signers = new ArrayList<>();
        for (TrustAnchor anchor : image.getAnchors()) {
            signers.add(trustAnchor(anchor));
        }
        Optional<ReleaseSelector> release = image.isDefaultEntry() ? Optional.of(ReleaseSelector.DEFAULT_ENTRY)
                : Declarations.isDeclared(image, KbootPackage.Literals.IMAGE__RELEASE)
                ? Optional.of(RuntimeEnums.convert(image.getRelease(), ReleaseSelector.class)) : Optional.empty();
        String path = image.isDefaultEntry() && image.getPath() == null ? ImageSpec.DEFAULT_ENTRY_PATH : image.getPath();
        return new ImageSpec(name(image), RuntimeEnums.convert(image.getRole(), ImageRole.class), path, digest, signers, release);
    }

    /** One trust anchor declaration as the runtime sees it. */
    public TrustAnchorSpec trustAnchor(TrustAnchor anchor) {
        return new TrustAnchorSpec(name(anchor), anchor.getCertificate());
    }

    /** The command line of a boot: its nearest cmdline block and every append of its chain. */
    public static CmdlineSpec cmdline(EffectiveBoot effective) {
        Optional<Cmdline> cmdline = effective.cmdline();
        return new CmdlineSpec(
                cmdline.map(Cmdline::isReuseRunning).orElse(false),
                cmdline.map(c -> List.copyOf(c.getDropped())).orElse(List.of()),
                cmdline.map(c -> List.copyOf(c.getParts())).orElse(List.of()),
                effective.appends());
    }

    private static CrashSpec crash(EffectiveBoot effective) {
        CrashSpec defaults = CrashSpec.defaults();
        Optional<Long> reservation = effective.value(Boot::getCrash, CRASH__RESERVATION);
        Optional<CrashSpec.BackupRegion> backup = defaults.backup();
        for (Crash crash : effective.crashBlocks()) {
            if (crash.isNoBackup()) {
                backup = Optional.empty();
                break;
            }
            if (Declarations.isDeclared(crash, CRASH__BACKUP_SIZE)) {
                backup = Optional.of(new CrashSpec.BackupRegion(crash.getBackupSource(), crash.getBackupSize()));
                break;
            }
        }
        CoreFormat format = effective.<Crash, org.kexec.dsl.kboot.CoreFormat>value(Boot::getCrash, CRASH__ELFCOREHDR)
                .map(f -> RuntimeEnums.convert(f, CoreFormat.class)).orElse(defaults.coreFormat());
        return new CrashSpec(reservation, backup, format);
    }

    private static PurgatorySpec purgatory(EffectiveBoot effective) {
        HashAlgorithm hash = RuntimeEnums.convert(effective.hash(), HashAlgorithm.class);
        Optional<SerialConsole> console = Optional.empty();
        for (Purgatory purgatory : effective.purgatoryBlocks()) {
            if (purgatory.isConsoleOff()) {
                break;
            }
            if (Declarations.isDeclared(purgatory, PURGATORY__CONSOLE)) {
                console = Optional.of(purgatory.getConsole());
                break;
            }
        }
        Map<Register, RegisterValue> registers = PurgatorySpec.defaultRegisters(entry(effective));
        for (RegisterAssignment assignment : effective.registers().values()) {
            registers.put(Register.byKeyword(assignment.getRegister()), registerValue(assignment));
        }
        return new PurgatorySpec(hash, console.map(BootSpecConverter::console), registers);
    }

    private static KernelEntry entry(EffectiveBoot effective) {
        return RuntimeEnums.convert(effective.entry(), KernelEntry.class);
    }

    private static org.kexec.runtime.spec.SerialConsole console(SerialConsole console) {
        int baud = Declarations.isDeclared(console, SERIAL_CONSOLE__BAUD)
                ? (int) console.getBaud() : org.kexec.runtime.spec.SerialConsole.DEFAULT_BAUD;
        return new org.kexec.runtime.spec.SerialConsole((int) console.getPort(), baud);
    }

    private static RegisterValue registerValue(RegisterAssignment assignment) {
        if (assignment.getValue() instanceof SymbolValue symbol) {
            return new RegisterValue.Symbol(RegisterSymbol.byKeyword(symbol.getSymbol()));
        }
        return new RegisterValue.Literal(((LiteralValue) assignment.getValue()).getValue());
    }

    /**
     * The placement; without a policy, top-down, except for Xen's default images, which go bottom-up: placed at the
     * top of memory, among Xen's free heap pages, Xen 4.17 corrupts them while it stages them (kboot's purgatory then
     * refuses to boot) and hits a BUG when it frees them.
     */
    private PlacementSpec placement(EffectiveBoot effective, Target target, BootKind kind) {
        Optional<PlacementSpec.MemmapSource> memmap = effective.<Placement, MemmapSource>value(Boot::getPlacement, PLACEMENT__MEMMAP)
                .map(BootSpecConverter::memmap);
        PlacementPolicy policy = effective.<Placement, org.kexec.dsl.kboot.PlacementPolicy>value(Boot::getPlacement, PLACEMENT__POLICY)
                .map(p -> RuntimeEnums.convert(p, PlacementPolicy.class))
                .orElse(target == Target.XEN && kind == BootKind.DEFAULT ? PlacementPolicy.BOTTOM_UP : PlacementPolicy.TOP_DOWN);
        Optional<Long> limit = effective.value(Boot::getPlacement, PLACEMENT__LIMIT);
        List<PlacementSpec.FixedAddress> fixed = new ArrayList<>();
        for (FixedPlacement placed : effective.fixedPlacements().values()) {
            String image = placed.isKernel() ? name(effective.kernel().orElseThrow()) : name(placed.getInitrd());
            fixed.add(new PlacementSpec.FixedAddress(image, placed.getAddress()));
        }
        return new PlacementSpec(memmap, policy, limit, fixed);
    }

    private static PlacementSpec.MemmapSource memmap(MemmapSource source) {
        return source instanceof ProfileMemmap profile
                ? new PlacementSpec.MemmapSource(true, profile.getProfile())
                : new PlacementSpec.MemmapSource(false, ((FileMemmap) source).getPath());
    }

    private String name(EObject element) {
        return names.getFullyQualifiedName(element).toString();
    }
}
