import Foundation

/// Runs `body(i)` for i in 0..<count on `threads` workers (default: `Threads.limit`, else all
/// cores) and returns the results in index order, so the outcome never depends on the schedule.
/// The calling thread is one of the workers; a worker thread that cannot be started (ulimit -u,
/// a pids limit, no memory for its stack) is simply one worker fewer, never a wait.
package func parallelMap<T: Sendable>(count: Int, threads: Int? = nil, _ body: @Sendable (Int) -> T) -> [T] {
    parallelMap(count: count, threads: threads, state: {}) { (_: inout Void, i) in body(i) }
}

/// `parallelMap` with a value each worker makes once (`state`) and hands to each of its calls,
/// so that scratch space (a read buffer) is reused instead of made anew for every item.
package func parallelMap<T: Sendable, State>(count: Int, threads: Int? = nil, state makeState: @Sendable () -> State,
                                             _ body: @Sendable (inout State, Int) -> T) -> [T] {
    if count == 0 { return [] }
    let workers = max(1, min(count, threads ?? Threads.available))
    let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
    defer { slots.deinitialize(count: count); slots.deallocate() }
    if workers == 1 {
        var state = makeState()
        for i in 0..<count { slots[i] = body(&state, i) }
    } else {
        let box = SlotBox(slots)
        let next = AtomicCounter()
        withoutActuallyEscaping(makeState) { makeState in
            withoutActuallyEscaping(body) { body in
                let work = UncheckedWork {
                    var state = makeState()
                    while true {
                        let i = next.increment()
                        if i >= count { break }
                        box.pointer[i] = body(&state, i)
                    }
                }
                let started = (1..<workers).compactMap { _ in Threads.start(work.run) }
                work.run()
                for t in started { Threads.join(t) }
            }
        }
    }
    return (0..<count).map { slots[$0]! }
}

/// Threads started directly with pthread_create, so that a failure to start one is an answer
/// (EAGAIN) rather than a wait: libdispatch, short of threads, waits for ever.
package enum Threads {
    /// The most threads a run may use (`--threads`); 1 means none besides the main thread.
    /// Set once, before any work starts.
    nonisolated(unsafe) package static var limit: Int? = nil

    /// How many threads a step may run on: `--threads`, or one per core.
    package static var available: Int { max(1, limit ?? ProcessInfo.processInfo.activeProcessorCount) }

    /// Starts `body` on a new thread, or returns nil when none can be started.
    package static func start(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var thread = pthread_t()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        // The parsers recurse; give workers the main thread's usual 8 MiB.
        pthread_attr_setstacksize(&attributes, 8 << 20)
        let status = pthread_create(&thread, &attributes, { raw in
            let body = Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue()
            body.run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            return nil
        }
        return thread
    }

    package static func join(_ thread: pthread_t) {
        pthread_join(thread, nil)
    }

}

/// A step of a run begun on another thread, when `Threads.limit` allows more than one and the
/// system gives one; otherwise done on the thread that asks for its result, when it first asks.
/// Either way `result()` gives the value or rethrows the error, as often as it is asked.
package final class Pending<Value>: @unchecked Sendable {
    private let body: () throws -> Value
    private var thread: pthread_t?
    private var outcome: Result<Value, Error>?

    package init(_ body: @escaping () throws -> Value) {
        self.body = body
        if (Threads.limit ?? 2) > 1 {
            thread = Threads.start { [self] in outcome = Result { try self.body() } }
        }
    }

    package func result() throws -> Value {
        if let thread {
            Threads.join(thread)
            self.thread = nil
        } else if outcome == nil {
            outcome = Result { try body() }
        }
        return try outcome!.get()
    }

    /// When the run stops before it needs the result: waits for the thread if the step was begun
    /// on one, and never starts it here.
    package func settle() {
        if let thread {
            Threads.join(thread)
            self.thread = nil
        }
    }

    /// Begun and never asked for (an error elsewhere): waited for, never started late.
    deinit { settle() }
}

private final class ThreadBody: @unchecked Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// The loop every worker runs; what it touches is made safe by SlotBox and AtomicCounter.
private struct UncheckedWork: @unchecked Sendable {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
    var run: @Sendable () -> Void { let me = self; return { me.body() } }
}

/// Each index is written by exactly one worker, so sharing the buffer is safe.
private struct SlotBox<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T?>
    init(_ p: UnsafeMutablePointer<T?>) { pointer = p }
}

/// A work counter shared by the loader's threads.
final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        let v = value
        value += 1
        return v
    }
}
