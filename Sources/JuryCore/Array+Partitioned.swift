extension Array {
    /// The elements for which `belongs` holds, then the others, each in their order.
    func partitioned(by belongs: (Element) -> Bool) -> (matching: [Element], others: [Element]) {
        reduce(into: ([], [])) { parts, element in
            if belongs(element) { parts.0.append(element) } else { parts.1.append(element) }
        }
    }
}
