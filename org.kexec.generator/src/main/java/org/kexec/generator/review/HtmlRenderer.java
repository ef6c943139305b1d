package org.kexec.generator.review;

import java.util.List;

/**
 * Renders a {@link Document} as one self-contained HTML page: inline CSS and SVG, no scripts, no external resources,
 * every text from a spec escaped, so the page reads the same from a CI artifact, a mail or a browser offline.
 */
final class HtmlRenderer {

    private static final String STYLE = "body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;"
            + "padding:0 16px;color:#222}h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}"
            + "table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;"
            + "vertical-align:top}th{background:#f3f3f3}code,pre{font:12px monospace}pre{background:#f6f6f6;padding:8px;"
            + "overflow-x:auto;white-space:pre-wrap;word-break:break-all}.picture{overflow-x:auto}";

    private HtmlRenderer() {
    }

    static String render(Document document) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Escape.html(document.title())).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(Escape.html(document.title())).append("</h1>\n");
        for (Document.Block block : document.blocks()) {
            if (block instanceof Document.Heading heading) {
                html.append("<h2>").append(Escape.html(heading.text())).append("</h2>\n");
            } else if (block instanceof Document.Prose prose) {
                html.append("<p>").append(Escape.html(prose.text())).append("</p>\n");
            } else if (block instanceof Document.Bullets bullets) {
                html.append("<ul>\n");
                bullets.items().forEach(item -> html.append("<li>").append(Escape.html(item)).append("</li>\n"));
                html.append("</ul>\n");
            } else if (block instanceof Document.Table table) {
                table(html, table);
            } else if (block instanceof Document.Preformatted pre) {
                html.append("<pre>").append(Escape.html(pre.text())).append("</pre>\n");
            } else if (block instanceof Document.Picture picture) {
                html.append("<div class=\"picture\">\n").append(picture.svg()).append("</div>\n");
            }
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder html, Document.Table table) {
        html.append("<table>\n<tr>");
        table.header().forEach(name -> html.append("<th>").append(Escape.html(name)).append("</th>"));
        html.append("</tr>\n");
        for (List<Document.Cell> row : table.rows()) {
            html.append("<tr>");
            for (Document.Cell cell : row) {
                html.append("<td>").append(cell.value() ? "<code>" + Escape.html(cell.text()) + "</code>" : Escape.html(cell.text()))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }
}
