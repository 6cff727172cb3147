package uz.eimzo.monitoring.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one health check that may wait on the database (or a token) on a thread of its own, so that a hung PostgreSQL
 * makes health say so instead of making it hang: a load balancer must get a 503, not a timeout.
 * <p>
 * All bounded checks of one health request share one budget (the first to run starts the clock), so a request that
 * evaluates several of them still answers within about the budget. At most one evaluation of a check is in flight: a
 * request arriving while the previous one still waits on a hung socket reuses it instead of piling up threads.
 */
public final class BoundedCheck {

    /** Used where no budget is configured. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(1);
    private static final String DEADLINE = BoundedCheck.class.getName() + ".deadline";
    // A check that answers from memory still gets this long when an earlier check used up the request's budget.
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String name;
    private final Duration budget;
    private CompletableFuture<Health> running;

    /** @param name what the check reads, for the message when it does not answer in time */
    public BoundedCheck(String name, Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the health budget of " + name + " must be positive");
        }
        this.name = name;
        this.budget = budget;
    }

    /**
     * The check's verdict, or {@code late}'s verdict on why there is none (no answer within the budget, or the check
     * failed unexpectedly).
     */
    public Health run(Supplier<Health> check, Function<String, Health> late) {
        CompletableFuture<Health> evaluation = evaluation(check);
        long wait = Math.max(deadline() - System.nanoTime(), GRACE_NANOS);
        try {
            return evaluation.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException hung) {
            return late.apply(name + " did not answer within " + budget.toMillis() + " ms");
        } catch (ExecutionException failed) {
            return late.apply(name + " failed: " + failed.getCause().getClass().getSimpleName());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return late.apply(name + " was not checked: interrupted");
        }
    }

    private synchronized CompletableFuture<Health> evaluation(Supplier<Health> check) {
        if (running == null || running.isDone()) {
            running = CompletableFuture.supplyAsync(check, task -> Thread.ofVirtual().name("health-" + name).start(task));
        }
        return running;
    }

    /** When the current health request must have its answer: shared by its checks; per call outside a request. */
    private long deadline() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return System.nanoTime() + budget.toNanos();
        }
        if (request.getAttribute(DEADLINE, RequestAttributes.SCOPE_REQUEST) instanceof Long deadline) {
            return deadline;
        }
        long deadline = System.nanoTime() + budget.toNanos();
        request.setAttribute(DEADLINE, deadline, RequestAttributes.SCOPE_REQUEST);
        return deadline;
    }
}
