package dev.ordergate.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pricing authority's nightly export dropped in a folder: the newest {@code *.csv} or {@code *.json} file is
 * the feed. CSV has a header row naming the columns {@code pricelist, currency, customer_ref, sku, min_quantity,
 * price, valid_from, valid_to}; JSON is the pricing engine's {@code {"agreements": [...]}}. A value that does not
 * parse is left empty, so the row is rejected with a reason instead of stopping the run.
 */
class FileDropPriceSource implements PriceSource {

    private final Path folder;
    private final ObjectMapper json;

    FileDropPriceSource(Path folder, ObjectMapper json) {
        this.folder = folder;
        this.json = json;
    }

    @Override
    public String describe() {
        return newest().map(Path::toString).orElse(folder + " (empty)");
    }

    @Override
    public List<PriceAgreement> fetch() {
        return newest().map(this::read).orElse(List.of());
    }

    private Optional<Path> newest() {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".csv") || f.toString().endsWith(".json"))
                    .max(Comparator.comparing(FileDropPriceSource::modified).thenComparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<PriceAgreement> read(Path file) {
        try {
            return file.toString().endsWith(".json") ? readJson(file) : readCsv(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<PriceAgreement> readJson(Path file) throws IOException {
        JsonNode root = json.readTree(file.toFile());
        JsonNode rows = root.isArray() ? root : root.path("agreements");
        List<PriceAgreement> agreements = new ArrayList<>();
        for (JsonNode row : rows) {
            agreements.add(new PriceAgreement(text(row, "pricelist"), text(row, "currency"), text(row, "customerRef"),
                    text(row, "sku"), decimal(text(row, "minQuantity")), decimal(text(row, "price")),
                    date(text(row, "validFrom")), date(text(row, "validTo"))));
        }
        return agreements;
    }

    static List<PriceAgreement> readCsv(List<String> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        List<PriceAgreement> agreements = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            agreements.add(new PriceAgreement(cell(header, cells, "pricelist"), cell(header, cells, "currency"),
                    cell(header, cells, "customer_ref"), cell(header, cells, "sku"),
                    decimal(cell(header, cells, "min_quantity")), decimal(cell(header, cells, "price")),
                    date(cell(header, cells, "valid_from")), date(cell(header, cells, "valid_to"))));
        }
        return agreements;
    }

    private static String cell(List<String> header, String[] cells, String column) {
        int at = header.indexOf(column);
        if (at < 0 || at >= cells.length) {
            return null;
        }
        String value = cells[at].trim();
        return value.isEmpty() ? null : value;
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static BigDecimal decimal(String value) {
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException unparsable) {
            return null;
        }
    }

    private static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (RuntimeException unparsable) {
            return null;
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
