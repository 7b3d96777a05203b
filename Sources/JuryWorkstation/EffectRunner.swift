import Foundation
import Synchronization

/// Performs effects one after another on a thread of its own, in the order given (or, those that run
/// aside, each at once on another thread), and keeps their results until the runtime takes them, in the
/// order they finished. Counts stay up until a result is taken, so "nothing pending" means every result
/// has been applied.
final class EffectRunner<Effect: Sendable, Message: Sendable>: Sendable {
    struct Outcome: Sendable {
        let message: Message?
        let heldInput: Bool
    }

    private let perform: @Sendable (Effect) -> Message?
    private let worker = DispatchQueue(label: "jury.effects")
    private let aside = DispatchQueue(label: "jury.effects.aside", attributes: .concurrent)
    private let state = Mutex<(outcomes: [Outcome], pending: Int, holding: Int)>(([], 0, 0))
    private let arrived = DispatchSemaphore(value: 0)

    init(perform: @escaping @Sendable (Effect) -> Message?) { self.perform = perform }

    /// Effects started whose results have not been taken.
    var pending: Int { state.withLock { $0.pending } }
    /// Of those, the ones that hold input.
    var holding: Int { state.withLock { $0.holding } }

    func enqueue(_ effect: Effect, holdsInput: Bool, runsAside: Bool = false) {
        state.withLock { state in
            state.pending += 1
            if holdsInput { state.holding += 1 }
        }
        (runsAside ? aside : worker).async { [self] in
            let outcome = Outcome(message: perform(effect), heldInput: holdsInput)
            state.withLock { $0.outcomes.append(outcome) }
            arrived.signal()
        }
    }

    /// The next finished effect's outcome, in order, waiting at most `timeout` for one.
    func next(waiting timeout: DispatchTimeInterval) -> Outcome? {
        if let outcome = take() { return outcome }
        guard pending > 0, arrived.wait(timeout: .now() + timeout) == .success else { return nil }
        return take()
    }

    private func take() -> Outcome? {
        state.withLock { state in
            guard !state.outcomes.isEmpty else { return nil }
            let outcome = state.outcomes.removeFirst()
            state.pending -= 1
            if outcome.heldInput { state.holding -= 1 }
            return outcome
        }
    }
}
