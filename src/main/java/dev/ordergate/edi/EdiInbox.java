package dev.ordergate.edi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The watched inbox folder of the embedded default (off unless {@code ordergate.edi.inbox.folder} is set). A file is
 * taken only when it has settled: its size and time stamp unchanged since the last look and older than
 * {@code settle-after}; {@code .part}, {@code .tmp} and hidden files are never taken. Taking it is an atomic move into
 * {@code .work/}, so of several nodes watching one folder one takes it; it then moves to {@code processed/} or
 * {@code rejected/} with its acknowledgement ({@code <name>.ack}) and, if rejected, the reasons
 * ({@code <name>.errors}). A file left in {@code .work/} by a node that stopped is taken again: the intake answers a
 * resent interchange with its first acknowledgement.
 */
@Component
class EdiInbox {

    private static final Logger log = LoggerFactory.getLogger(EdiInbox.class);
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final EdiProperties settings;
    private final InterchangeIntake intake;
    private final Clock clock;
    private final Map<Path, Long> sizesSeen = new ConcurrentHashMap<>();

    EdiInbox(EdiProperties settings, InterchangeIntake intake, Clock clock) {
        this.settings = settings;
        this.intake = intake;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ordergate.edi.inbox.poll-interval:PT5S}")
    void poll() {
        if (settings.inbox() == null || settings.inbox().folder() == null) {
            return;
        }
        Path folder = settings.inbox().folder();
        try {
            Files.createDirectories(folder.resolve(".work"));
            for (Path file : settled(folder)) {
                Path claimed = claim(file, folder.resolve(".work"));
                if (claimed != null) {
                    process(claimed, folder);
                }
            }
            for (Path abandoned : files(folder.resolve(".work"))) {
                if (age(abandoned).compareTo(ABANDONED_AFTER) > 0) {
                    process(abandoned, folder);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("EDI inbox {} cannot be read: {}", folder, e.getMessage());
        }
    }

    private List<Path> settled(Path folder) throws IOException {
        Duration settle = settings.inbox().settleAfter() == null ? Duration.ofSeconds(2) : settings.inbox().settleAfter();
        List<Path> ready = new java.util.ArrayList<>();
        List<Path> present = files(folder);
        sizesSeen.keySet().retainAll(present);
        for (Path file : present) {
            String name = file.getFileName().toString();
            if (name.startsWith(".") || name.endsWith(".part") || name.endsWith(".tmp")) {
                continue;
            }
            long size = Files.size(file);
            Long before = sizesSeen.put(file, size);
            if (before != null && before == size && age(file).compareTo(settle) >= 0) {
                ready.add(file);
            }
        }
        return ready;
    }

    private static Path claim(Path file, Path work) {
        try {
            return Files.move(file, work.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException | FileAlreadyExistsException | AtomicMoveNotSupportedException taken) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void process(Path file, Path folder) throws IOException {
        InterchangeIntake.Result result = intake.receive(Files.readAllBytes(file));
        boolean taken = result.outcome() == InterchangeIntake.Outcome.ACCEPTED
                || result.outcome() == InterchangeIntake.Outcome.DUPLICATE;
        Path target = Files.createDirectories(folder.resolve(taken ? "processed" : "rejected"));
        String name = file.getFileName().toString();
        if (result.ack() != null) {
            Files.writeString(target.resolve(name + ".ack"), result.ack().text());
        }
        if (!taken) {
            Files.writeString(target.resolve(name + ".errors"), result.errors().stream().map(EdiError::describe)
                    .collect(Collectors.joining("\n", "", "\n")));
        }
        Files.move(file, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        log.info("EDI inbox: {} {} ({} orders)", name, result.outcome(), result.orders().size());
    }

    private Duration age(Path file) throws IOException {
        return Duration.between(Files.getLastModifiedTime(file).toInstant(), clock.instant());
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
