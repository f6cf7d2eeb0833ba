package io.syncstore.reactive;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Blocking work (a database read or write, a file, a DNS lookup) run off the caller's thread, its result given to the
 * subscriber on the thread that did the work.
 *
 * <p>Not {@code Mono.fromCallable(work).subscribeOn(scheduler)}: Reactor runs that form as a task scheduled directly,
 * whose cancellation is remembered as coming from another thread when the subscriber cancels (a {@code next()}
 * downstream, say) before the subscribing thread has recorded the task. The subscribing thread then interrupts the
 * worker, which by then runs the subscriber's next steps: the next blocking call of a FETCH failed with "Interrupted
 * during connection acquisition" under load. Through a {@link reactor.core.scheduler.Scheduler.Worker} (the deferred
 * form below), a cancellation made on the worker's own thread never interrupts it.</p>
 */
public final class Blocking {
    private Blocking() {
    }

    public static <T> Mono<T> call(Callable<T> work) {
        return call(work, Schedulers.boundedElastic());
    }

    public static <T> Mono<T> call(Callable<T> work, Scheduler scheduler) {
        return Mono.defer(() -> Mono.fromCallable(work)).subscribeOn(scheduler);
    }
}
