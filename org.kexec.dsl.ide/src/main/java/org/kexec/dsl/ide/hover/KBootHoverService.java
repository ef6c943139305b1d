package org.kexec.dsl.ide.hover;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.ide.server.hover.HoverContext;
import org.eclipse.xtext.ide.server.hover.HoverService;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.Image;
import org.kexec.dsl.kboot.ImageRole;
import org.kexec.dsl.model.EffectiveBoot;
import org.kexec.dsl.model.ImageFiles;
import org.kexec.dsl.model.KernelFacts;
import org.kexec.dsl.spec.BootSpecConverter;
import org.kexec.dsl.spec.RuntimeEnums;
import org.kexec.runtime.image.ElfImage;
import org.kexec.runtime.image.ImageFormatException;
import org.kexec.runtime.image.PeHeader;
import org.kexec.runtime.plan.SegmentBudget;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.units.Sizes;

/**
 * Hovers that answer what a spec author asks while writing: a number's value in hex and MiB, a kernel's boot
 * protocol header or, for an ELF vmlinux, its segments and PVH entry (when its file is there), a boot's segments and
 * command line.
 */
public class KBootHoverService extends HoverService {

    @Inject
    private ImageFiles files;

    @Override
    protected Hover hover(HoverContext context) {
        ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(context.getResource().getParseResult().getRootNode(), context.getOffset());
        if (leaf != null && leaf.getGrammarElement() instanceof RuleCall call && call.getRule() instanceof TerminalRule rule
                && rule.getName().equals("NUMBER")) {
            try {
                long value = org.kexec.runtime.units.Sizes.parse(leaf.getText());
                String text = "`" + leaf.getText() + "` = `" + Sizes.hex(value) + "` = " + Long.toUnsignedString(value)
                        + " bytes = " + Sizes.mebibytes(value);
                return new Hover(new MarkupContent(MarkupKind.MARKDOWN, text), null);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return super.hover(context);
    }

    @Override
    public String getContents(EObject element) {
        if (element instanceof Image image) {
            return image(image);
        }
        if (element instanceof Boot boot) {
            return boot(boot);
        }
        return super.getContents(element);
    }

    private String image(Image image) {
        List<String> lines = new ArrayList<>();
        lines.add("**" + image.getRole().getLiteral() + " " + image.getName() + "**: `" + image.getPath() + "`");
        if (image.getRole() == ImageRole.KERNEL) {
            Optional<KernelFacts> kernel = files.kernel(image);
            Optional<ElfImage> vmlinux = kernel.isEmpty() ? vmlinux(image) : Optional.empty();
            if (vmlinux.isPresent()) {
                List<ElfImage.Segment> loads = vmlinux.get().loadSegments();
                lines.add("ELF vmlinux, " + loads.size() + (loads.size() == 1 ? " PT_LOAD segment" : " PT_LOAD segments")
                        + " from physical " + Sizes.hex(loads.get(0).paddr()));
                lines.add(vmlinux.get().pvhEntry().map(entry -> "PVH entry " + Sizes.hex(entry) + ": boots with `entry pvh`")
                        .orElse("No PVH entry (XEN_ELFNOTE_PHYS32_ENTRY): no boot can enter it"));
            } else if (kernel.isEmpty()) {
                lines.add("The file is not here (or not a bzImage), so its header is unknown.");
            } else {
                var header = kernel.get().header();
                lines.add("bzImage, boot protocol " + header.versionString() + ", " + (header.relocatable() ? "relocatable" : "not relocatable")
                        + (header.has64BitEntry() ? ", 64-bit entry" : ", no 64-bit entry"));
                lines.add("init_size " + Sizes.hex(header.initSize()) + " (" + Sizes.mebibytes(header.initSize()) + "), kernel_alignment "
                        + Sizes.hex(header.kernelAlignment()) + ", cmdline_size " + header.cmdlineSize());
                lines.add(signature(kernel.get()));
            }
        }
        return String.join("\n\n", lines);
    }

    /** The ELF vmlinux an image's file is, when it is one and is here. */
    private Optional<ElfImage> vmlinux(Image image) {
        try {
            ImageFiles.Lookup lookup = files.lookup(image, image.getPath());
            byte[] bytes = lookup instanceof ImageFiles.Lookup.BuiltIn builtIn ? builtIn.bytes()
                    : lookup instanceof ImageFiles.Lookup.Present present ? files.read(present.path()) : new byte[0];
            return ElfImage.isElf(bytes) ? Optional.of(ElfImage.parse(bytes)) : Optional.empty();
        } catch (ViolationException | ImageFormatException e) {
            return Optional.empty();
        }
    }

    private String signature(KernelFacts kernel) {
        try {
            Optional<PeHeader> pe = PeHeader.parse(files.read(kernel.path()));
            if (pe.isEmpty()) {
                return "No EFI stub: cannot be signed.";
            }
            return pe.get().signed() ? "Signed: an Authenticode certificate table of " + pe.get().certificateTableSize() + " bytes."
                    : "Unsigned (no certificate table).";
        } catch (Exception e) {
            return "Signature: unknown (" + e.getMessage() + ")";
        }
    }

    private String boot(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        Target target = RuntimeEnums.convert(effective.target(), Target.class);
        List<String> initrds = effective.initrds().stream().map(Image::getName).toList();
        boolean backup = effective.crashBlocks().stream().noneMatch(c -> c.isNoBackup());
        List<String> segments = SegmentBudget.segments(target, RuntimeEnums.convert(effective.kind(), BootKind.class),
                RuntimeEnums.convert(effective.entry(), KernelEntry.class), initrds, backup, List.of());
        return "**boot " + boot.getName() + "**: " + effective.target().getLiteral() + ", " + effective.load().getLiteral() + ", "
                + effective.kind().getLiteral() + (effective.entry() == org.kexec.dsl.kboot.KernelEntry.PVH ? ", entry pvh" : "")
                + "\n\n" + segments.size() + " segments of at most " + SegmentBudget.limit(target)
                + ": " + String.join(", ", segments) + "\n\ncmdline: `" + BootSpecConverter.cmdline(effective).literal() + "`";
    }
}
