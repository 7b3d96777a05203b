/// The per-round scratch of one `VariationalBCC` fit: everything each round recomputes from the
/// parameters, in buffers allocated once.
///
/// Rows are reliability rows (reviewer j, label l) numbered j * K + l as in `BCCProblem`. E[log v]
/// is kept `block` entries per row; what the round's per-answer kernels read and write is kept in
/// one *record* per row, packed for the L entries of the round's dense product
/// (`VariationalBCC.entries`), `recordStride(L)` = 2 + 2L doubles apart: the row's two bounds,
/// then its L factors, then its L counts. So an answer's kernels touch one contiguous stretch of
/// memory, and the rows they read over and over take about L / (K * M) of the cache they would
/// take at full length. A copy of a fit shares its workspace; only the fit that runs writes it,
/// and nothing read from a finished fit lives here.
final class BCCWorkspace: @unchecked Sendable {
    /// E[log v], rows x block, every entry of the used rows.
    let logReliability: UnsafeMutablePointer<Double>
    /// One record per row (room for rows x `recordStride(block)`): at offset 0 the log of the
    /// smallest factor (<= 0), at 1 the largest E[log v] of the entries left out minus the row's
    /// scale (-infinity if none), at `factorOffset` exp(E[log v] - scale) of the round's entries,
    /// at `countOffset(L)` their reliability counts.
    let records: UnsafeMutablePointer<Double>
    /// Per row: the largest E[log v] of the round's entries (its scale).
    let rowScales: UnsafeMutablePointer<Double>
    /// `block`-long scratch: exp(E[log tau] + E[log pi]) of the round's entries, their
    /// subtype-weight counts, one task's log scores, q and class shares.
    let priorFactors, weights, scores, fullRow, shares: UnsafeMutablePointer<Double>
    /// Room for `batchSize` values rounded up to a multiple of 4: the values a round takes
    /// digamma of (see `VariationalBCC.gatherDigammaArguments`).
    let batch: UnsafeMutablePointer<Double>
    /// Room for `exponentsSize` values rounded up to a multiple of 4: the exponents of the
    /// round's factors, used row after used row.
    let exponents: UnsafeMutablePointer<Double>
    let rows: Int, block: Int

    /// Buffers for `rows` reliability rows of `block` entries; `batchSize` is at most the
    /// number of used rows plus the number of reviewers, times `block`, and `exponentsSize`
    /// the number of used rows times `block`.
    init(rows: Int, block: Int, batchSize: Int, exponentsSize: Int) {
        (self.rows, self.block) = (rows, block)
        func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
            let pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
            pointer.initialize(repeating: 0, count: max(1, count))
            return pointer
        }
        (logReliability, records) = (buffer(rows * block), buffer(rows * Self.recordStride(block)))
        rowScales = buffer(rows)
        (priorFactors, weights) = (buffer(block), buffer(block))
        (scores, fullRow, shares) = (buffer(block), buffer(block), buffer(block))
        batch = buffer((batchSize + 3) / 4 * 4)
        exponents = buffer((exponentsSize + 3) / 4 * 4)
    }

    deinit {
        for pointer in [logReliability, records, rowScales,
                        priorFactors, weights, scores, fullRow, shares, batch, exponents] {
            pointer.deallocate()
        }
    }

    /// Doubles from one row's record to the next's when the round has `entries` dense entries.
    @inline(__always)
    static func recordStride(_ entries: Int) -> Int { 2 &+ 2 &* entries }

    /// Where a record's factors start.
    static let factorOffset = 2

    /// Where a record's counts start when the round has `entries` dense entries.
    @inline(__always)
    static func countOffset(_ entries: Int) -> Int { 2 &+ entries }

    /// The record of `row` when the round has `entries` dense entries.
    @inline(__always)
    func record(_ row: Int, entries: Int) -> UnsafeMutablePointer<Double> { records + row &* Self.recordStride(entries) }
}
