package io.syncstore.server.startup;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.ex.ConversionException;
import org.apache.james.StartUpChecksPerformer.StartUpChecksException;
import org.apache.james.lifecycle.api.StartUpCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;

import io.syncstore.backend.db.StoreOpeningException;
import io.syncstore.config.ConfigurationError;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * Why the server did not start, in one message that says what to fix: for a configuration problem the file and the
 * key, for the store the path, for a listener the address. The original failure stays attached as the cause.
 */
public class StartupFailure extends Exception {
    /** commons-configuration's message for a value of the wrong type; it names the key but not the file. */
    private static final Pattern CONVERSION = Pattern.compile("Key '(.*)' cannot be converted to class (\\S+)\\. Value is: '(.*)'\\.", Pattern.DOTALL);

    /** The details go to the log file only (conf/logback.xml): the console gets the one line of {@link #report()}. */
    private static final Logger LOGGER = LoggerFactory.getLogger(StartupFailure.class);

    private StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public void report() {
        LOGGER.error("SyncStore James did not start: {}", getMessage(), this);
        System.err.println("SyncStore James did not start: " + getMessage());
    }

    public static StartupFailure explain(Throwable failure, Path configurationDirectory) {
        List<Throwable> causes = causesOf(failure);
        String message = first(causes, ConfigurationError.class, Throwable::getMessage)
            .or(() -> first(causes, StoreOpeningException.class, StartupFailure::describeStore))
            .or(() -> first(causes, StartUpChecksException.class, StartupFailure::describeChecks))
            .or(() -> first(causes, ConversionException.class, e -> describeConversion(e, configurationDirectory)))
            .orElseGet(() -> describeDeepest(causes));
        return new StartupFailure(message, failure);
    }

    /** The failure and everything it wraps, including the errors that Guice collects from several bindings. */
    private static List<Throwable> causesOf(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        Deque<Throwable> toVisit = new ArrayDeque<>(List.of(failure));
        while (!toVisit.isEmpty()) {
            Throwable next = toVisit.removeFirst();
            if (causes.contains(next)) {
                continue;
            }
            causes.add(next);
            guiceMessages(next).stream().map(Message::getCause).filter(cause -> cause != null).forEach(toVisit::addLast);
            if (next.getCause() != null) {
                toVisit.addLast(next.getCause());
            }
        }
        return causes;
    }

    private static List<Message> guiceMessages(Throwable throwable) {
        if (throwable instanceof CreationException) {
            return List.copyOf(((CreationException) throwable).getErrorMessages());
        }
        if (throwable instanceof ProvisionException) {
            return List.copyOf(((ProvisionException) throwable).getErrorMessages());
        }
        return List.of();
    }

    private static <T extends Throwable> Optional<String> first(List<Throwable> causes, Class<T> type, Function<T, String> describe) {
        return causes.stream().filter(type::isInstance).map(type::cast).findFirst().map(describe);
    }

    /** The store's folders are those of syncstore.xml's database (the content beside it unless set otherwise). */
    private static String describeStore(StoreOpeningException e) {
        return new ConfigurationError(SyncStoreConfiguration.FILE_NAME, "database", e.getMessage()).getMessage();
    }

    private static String describeChecks(StartUpChecksException e) {
        return e.getBadChecks().stream()
            .map(check -> check.getDescription().orElse(check.getName() + " failed"))
            .collect(Collectors.joining("; "));
    }

    private static String describeConversion(ConversionException e, Path configurationDirectory) {
        Matcher matcher = CONVERSION.matcher(String.valueOf(e.getMessage()));
        if (!matcher.matches()) {
            return e.getMessage();
        }
        String key = matcher.group(1);
        String type = matcher.group(2).substring(matcher.group(2).lastIndexOf('.') + 1);
        String value = matcher.group(3);
        String file = ConfigurationFiles.definingValue(configurationDirectory, key, value)
            .orElse("a file in " + configurationDirectory);
        return new ConfigurationError(file, key, "'" + value + "' is not a valid " + type).getMessage();
    }

    private static String describeDeepest(List<Throwable> causes) {
        Throwable deepest = causes.get(causes.size() - 1);
        return deepest.getClass().getSimpleName() + ": " + deepest.getMessage();
    }
}
