package io.syncstore.imap.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.imap.message.request.CreateRequest;
import org.apache.james.imap.processor.EnableProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.DefaultEventLoop;
import io.syncstore.imap.channel.DeferredCommand;
import io.syncstore.imap.mode.ConnectionMode;
import io.syncstore.imap.mode.StoredNameLookup;

import reactor.core.publisher.Mono;

/**
 * Where a command is decoded and where it goes on: a command of a UTF-8 connection whose mailbox name is ASCII stays
 * on the event loop it started on; one with a non-ASCII name never reads storage on the event loop, and goes on there.
 */
class CommandDecodingTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final List<String> decodingThreads = new CopyOnWriteArrayList<>();
    private StoredNamesFixture fixture;
    private String loopThread;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new StoredNamesFixture();
        fixture.create("Cafe\u0301");
        fixture.forgetReads();
        EnableProcessor.getEnabledCapabilities(fixture.session).add(ConnectionMode.UTF8_ACCEPT.capability());
        loopThread = loop.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    /** A command whose decoding takes a name as {@code Utf8RequestLineReader} does: through the session's lookup. */
    private DeferredCommand naming(String written) {
        return new DeferredCommand(new Tag("a1"), "CREATE", session -> {
            decodingThreads.add(Thread.currentThread().getName());
            String name = StoredNameLookup.of(session).nameFor(written, session);
            return new CreateRequest(ModifiedUtf7.encodeModifiedUTF7(name), new Tag("a1"));
        }, 0, !StandardCharsets.US_ASCII.newEncoder().canEncode(written), () -> { }, () -> { });
    }

    private static final class Continuation {
        volatile String thread;
        volatile boolean beforeSubscribeReturned;
        volatile String mailbox;
    }

    /** Decodes on the event loop as the chain does, noting where and when the command goes on. */
    private Continuation decodeOnTheLoop(DeferredCommand command) throws Exception {
        CommandDecoding decoding = new CommandDecoding(fixture.storedNames);
        Mono<Void> backOnEventLoop = Mono.create(sink -> loop.execute(sink::success));
        Continuation continuation = new Continuation();
        CountDownLatch wentOn = new CountDownLatch(1);
        loop.submit(() -> {
            AtomicBoolean subscribing = new AtomicBoolean(true);
            decoding.decoded(command, fixture.session, backOnEventLoop).subscribe(request -> {
                continuation.thread = Thread.currentThread().getName();
                continuation.beforeSubscribeReturned = subscribing.get();
                continuation.mailbox = ModifiedUtf7.decodeModifiedUTF7(((CreateRequest) request).getMailboxName());
                wentOn.countDown();
            });
            subscribing.set(false);
        });
        assertThat(wentOn.await(5, TimeUnit.SECONDS)).isTrue();
        return continuation;
    }

    @Test
    void anAsciiNameIsDecodedOnTheEventLoopWithoutAHop() throws Exception {
        Continuation continuation = decodeOnTheLoop(naming("Archive.2024"));

        assertThat(decodingThreads).containsExactly(loopThread);
        assertThat(continuation.thread).isEqualTo(loopThread);
        assertThat(continuation.beforeSubscribeReturned).as("went on in the same task of the loop").isTrue();
        assertThat(fixture.mailboxesRead()).isZero();
    }

    @Test
    void aNonAsciiNameReadsStorageOffTheEventLoopAndGoesOnOnIt() throws Exception {
        Continuation continuation = decodeOnTheLoop(naming("Caf\u00e9"));

        assertThat(decodingThreads).as("decoded once, off the loop").singleElement().asString().startsWith("boundedElastic");
        assertThat(fixture.searchingThreads).isNotEmpty().allMatch(thread -> thread.startsWith("boundedElastic"));
        assertThat(continuation.mailbox).as("the stored form").isEqualTo("Cafe\u0301");
        assertThat(continuation.thread).isEqualTo(loopThread);
    }
}
