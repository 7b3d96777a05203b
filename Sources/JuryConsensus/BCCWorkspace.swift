/// The per-round scratch of one `VariationalBCC` fit: everything each round recomputes from the
/// parameters, in buffers allocated once.
///
/// Rows are reliability rows (reviewer j, label l) numbered j * K + l as in `BCCProblem`, each
/// `block` entries long, except the *factor* and *count* rows: these are packed L entries apart,
/// L being the number of entries of the round's dense product (`VariationalBCC.entries`), so a
/// round touches L, not K * M, doubles of each answered row, and the rows it reads over and
/// over take L / (K * M) of the cache they would take at full length. A copy of a fit shares its
/// workspace; only the fit that runs writes it, and nothing read from a finished fit lives here.
final class BCCWorkspace: @unchecked Sendable {
    /// E[log v], rows x block, every entry of the used rows.
    let logReliability: UnsafeMutablePointer<Double>
    /// exp(E[log v] - `rowScales`) of the round's entries, rows x L (room for rows x block).
    let factors: UnsafeMutablePointer<Double>
    /// Reliability counts of the round's entries, laid out as `factors`.
    let counts: UnsafeMutablePointer<Double>
    /// Per row: the largest E[log v] of the round's entries (its scale).
    let rowScales: UnsafeMutablePointer<Double>
    /// Per row, side by side so one cache line serves both: at `2 * row` the log of the smallest
    /// factor (<= 0), at `2 * row + 1` the largest E[log v] of the entries left out minus the
    /// row's scale (-infinity if none).
    let rowBounds: UnsafeMutablePointer<Double>
    /// `block`-long scratch: digamma of a reviewer's totals, exp(E[log tau] + E[log pi]) of the
    /// round's entries, their subtype-weight counts, one task's log scores, q and class shares.
    let totals, priorFactors, weights, scores, fullRow, shares: UnsafeMutablePointer<Double>
    let rows: Int, block: Int

    init(rows: Int, block: Int) {
        (self.rows, self.block) = (rows, block)
        func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
            let pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
            pointer.initialize(repeating: 0, count: max(1, count))
            return pointer
        }
        (logReliability, factors, counts) = (buffer(rows * block), buffer(rows * block), buffer(rows * block))
        (rowScales, rowBounds) = (buffer(rows), buffer(2 * rows))
        (totals, priorFactors, weights) = (buffer(block), buffer(block), buffer(block))
        (scores, fullRow, shares) = (buffer(block), buffer(block), buffer(block))
    }

    deinit {
        for pointer in [logReliability, factors, counts, rowScales, rowBounds,
                        totals, priorFactors, weights, scores, fullRow, shares] {
            pointer.deallocate()
        }
    }
}
