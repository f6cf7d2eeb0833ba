package io.syncstore.backend.search;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.james.mailbox.extractor.ParsedContent;
import org.apache.james.mailbox.extractor.TextExtractor;
import org.apache.james.mailbox.model.ContentType;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Extracts the text of PDF attachments, as James's search suite expects of the extractor it is given. */
final class PdfTextExtractor implements TextExtractor {
    private static final ContentType.MimeType PDF = ContentType.MimeType.of("application/pdf");

    @Override
    public ParsedContent extractContent(InputStream input, ContentType contentType) throws Exception {
        if (contentType.mimeType().equals(PDF)) {
            try (PDDocument document = PDDocument.load(input)) {
                return ParsedContent.of(new PDFTextStripper().getText(document));
            }
        }
        return ParsedContent.of(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    }
}
