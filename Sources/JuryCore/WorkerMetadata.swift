import JuryJSON

/// A2I's `workerMetadata` for a local reviewer.
enum WorkerMetadata {
    static func json(for reviewer: String, queue: QueueDirectory) -> JSONValue {
        ["identityData": ["identityProviderType": "Local", "issuer": .string("jury://" + queue.root.path), "sub": .string(reviewer)]]
    }
}
