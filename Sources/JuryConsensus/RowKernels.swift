/// The two per-answer kernels of `VariationalBCC`, over rows of doubles `stride` apart.
///
/// Each works chunk by chunk (8, 4, 2 values in SIMD registers, then one) and, inside a chunk,
/// answer by answer, so the loads of all the answers' rows are independent and in flight at
/// once. Every value sees the same operations in the same order as a plain loop over the
/// answers, so the results are the same to the bit.
enum RowKernels {
    /// `row[i]` = `first[i]` times `factors[rows[a] * stride + i]` for the `answers` in order,
    /// for i in 0..<count.
    @inline(__always)
    static func product(_ first: UnsafePointer<Double>, factors: UnsafePointer<Double>, rows: UnsafeBufferPointer<Int32>,
                        answers: Range<Int>, stride: Int, count: Int, into row: UnsafeMutablePointer<Double>) {
        var i = 0
        func chunks<V: SIMD>(_: V.Type) where V.Scalar == Double {
            while i + V.scalarCount <= count {
                var value = load(V.self, first + i)
                for a in answers { value *= load(V.self, factors + Int(rows[a]) &* stride + i) }
                store(value, row + i)
                i += V.scalarCount
            }
        }
        chunks(SIMD8<Double>.self)
        chunks(SIMD4<Double>.self)
        chunks(SIMD2<Double>.self)
        if i < count {
            var value = first[i]
            for a in answers { value *= factors[Int(rows[a]) &* stride + i] }
            row[i] = value
        }
    }

    /// `counts[rows[a] * stride + i]` += `row[i]` for the `answers` in order, and `totals[i]` +=
    /// `row[i]`, for i in 0..<count.
    @inline(__always)
    static func add(_ row: UnsafePointer<Double>, to counts: UnsafeMutablePointer<Double>, rows: UnsafeBufferPointer<Int32>,
                    answers: Range<Int>, stride: Int, count: Int, totals: UnsafeMutablePointer<Double>) {
        var i = 0
        func chunks<V: SIMD>(_: V.Type) where V.Scalar == Double {
            while i + V.scalarCount <= count {
                let value = load(V.self, row + i)
                for a in answers {
                    let target = counts + Int(rows[a]) &* stride + i
                    store(load(V.self, target) + value, target)
                }
                store(load(V.self, totals + i) + value, totals + i)
                i += V.scalarCount
            }
        }
        chunks(SIMD8<Double>.self)
        chunks(SIMD4<Double>.self)
        chunks(SIMD2<Double>.self)
        if i < count {
            for a in answers { counts[Int(rows[a]) &* stride + i] += row[i] }
            totals[i] += row[i]
        }
    }

    @inline(__always)
    static func load<V: SIMD>(_: V.Type, _ pointer: UnsafePointer<Double>) -> V where V.Scalar == Double {
        UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func load<V: SIMD>(_: V.Type, _ pointer: UnsafeMutablePointer<Double>) -> V where V.Scalar == Double {
        UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func store<V: SIMD>(_ value: V, _ pointer: UnsafeMutablePointer<Double>) where V.Scalar == Double {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: V.self)
    }
}
