package org.kexec.dsl.conversion;

import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.ValueConverterException;
import org.eclipse.xtext.nodemodel.INode;
import org.kexec.runtime.units.Sizes;

/**
 * Converts NUMBER tokens ({@code 256M}, {@code 0x1000000}) with the runtime's {@link Sizes}, so a size in a spec
 * means exactly what the loader will use. A number that does not fit 64 bits is reported where it stands.
 */
public class KBootValueConverters extends DefaultTerminalConverters {

    @ValueConverter(rule = "NUMBER")
    public IValueConverter<Long> number() {
        return new IValueConverter<>() {
            @Override
            public Long toValue(String text, INode node) {
                try {
                    return Sizes.parse(text);
                } catch (NumberFormatException e) {
                    throw new ValueConverterException(e.getMessage(), node, e);
                }
            }

            @Override
            public String toString(Long value) {
                return Sizes.human(value);
            }
        };
    }
}
