/// Reverse-mode differentiation over the recorded graph.
///
/// Pullbacks are written with differentiable tensor operations, so with `createGraph: true` the
/// gradients are themselves recorded and can be differentiated again (R1 and path-length
/// regularization, PyTorch's `create_graph=True`). Nodes are visited in a deterministic
/// topological order (depth-first over parents in argument order), and the cotangents arriving
/// at a node are summed in that order.
extension Tensor {
    /// Gradients of `Σ_i Σ(outputs[i] · cotangents[i])` with respect to each of `inputs`
    /// (PyTorch `torch.autograd.grad`). Missing cotangents are ones. Inputs may be leaves or
    /// intermediate results; an input the outputs do not depend on gets zeros.
    /// With `createGraph`, the returned gradients carry a graph (for higher-order derivatives).
    /// Unless `retainGraph` (default: `createGraph`, as in PyTorch), the pass frees the graph behind
    /// `outputs` as it goes, so its intermediate values are released before the pass ends.
    public static func gradients(of outputs: [Tensor], wrt inputs: [Tensor], cotangents: [Tensor]? = nil,
                                 createGraph: Bool = false, retainGraph: Bool? = nil) -> [Tensor] {
        let targets = Set(inputs.map(ObjectIdentifier.init))
        let found = propagate(outputs: outputs, cotangents: cotangents, createGraph: createGraph,
                              retainGraph: retainGraph ?? createGraph) { targets.contains($0) }
        return inputs.map { found[ObjectIdentifier($0)] ?? Tensor.zeros($0.shape) }
    }

    /// Accumulates the gradient of `Σ(self · cotangent)` (cotangent defaults to ones) into the
    /// `grad` of every leaf that requires grad (PyTorch `backward()`). The graph is freed as the pass
    /// goes unless `retainGraph` (default: `createGraph`).
    public func backward(_ cotangent: Tensor? = nil, createGraph: Bool = false, retainGraph: Bool? = nil) {
        let leaves = Tensor.topologicalOrder(from: [self]).filter(\.isLeaf)
        let leafIDs = Set(leaves.map(ObjectIdentifier.init))
        let found = Tensor.propagate(outputs: [self], cotangents: cotangent.map { [$0] }, createGraph: createGraph,
                                     retainGraph: retainGraph ?? createGraph) {
            leafIDs.contains($0)
        }
        withGradEnabled(createGraph) {
            for node in leaves {
                guard let gradient = found[ObjectIdentifier(node)] else { continue }
                node.grad = node.grad.map { $0 + gradient } ?? gradient
            }
        }
    }

    /// Nodes reachable from `roots` through parents that require grad, parents before children.
    static func topologicalOrder(from roots: [Tensor]) -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(node: Tensor, next: Int)] = []
        for root in roots where root.requiresGrad && visited.insert(ObjectIdentifier(root)).inserted {
            stack.append((root, 0))
            while let top = stack.last {
                if top.next < top.node.parents.count {
                    stack[stack.count - 1].next += 1
                    let parent = top.node.parents[top.next]
                    if parent.requiresGrad, visited.insert(ObjectIdentifier(parent)).inserted {
                        stack.append((parent, 0))
                    }
                } else {
                    stack.removeLast()
                    order.append(top.node)
                }
            }
        }
        return order
    }

    /// Runs the pullbacks from `outputs` and returns the summed cotangents of the nodes `isTarget` accepts.
    /// Without `retainGraph`, each node's graph is released right after its pullback ran (or when it
    /// turns out to receive no cotangent), and the pass holds no other reference to it, so a value
    /// is freed as soon as neither the graph nor the caller needs it.
    private static func propagate(outputs: [Tensor], cotangents: [Tensor]?, createGraph: Bool, retainGraph: Bool,
                                  isTarget: (ObjectIdentifier) -> Bool) -> [ObjectIdentifier: Tensor] {
        var order: [Tensor?] = topologicalOrder(from: outputs)
        var reaches = [ObjectIdentifier: Bool]()
        for case let node? in order {
            let id = ObjectIdentifier(node)
            reaches[id] = isTarget(id) || node.parents.contains { reaches[ObjectIdentifier($0)] == true }
        }
        var pending = [ObjectIdentifier: Tensor]()
        withGradEnabled(createGraph) {
            for (index, output) in outputs.enumerated() where output.requiresGrad {
                let seed = cotangents?[index] ?? Tensor.ones(output.shape)
                precondition(seed.shape == output.shape, "cotangent shape \(seed.shape) differs from output shape \(output.shape)")
                let id = ObjectIdentifier(output)
                pending[id] = pending[id].map { $0 + seed } ?? seed
            }
        }
        var found = [ObjectIdentifier: Tensor]()
        for position in order.indices.reversed() {
            guard let node = order[position] else { continue }
            order[position] = nil
            defer { if !retainGraph { node.releaseGraph() } }
            let id = ObjectIdentifier(node)
            guard let cotangent = pending.removeValue(forKey: id) else { continue }
            if isTarget(id) { found[id] = cotangent }
            guard let pullback = node.pullback else { continue }
            let needs = node.parents.map { $0.requiresGrad && reaches[ObjectIdentifier($0)] == true }
            guard needs.contains(true) else { continue }
            withGradEnabled(createGraph) {
                let parentCotangents = pullback(cotangent, node, needs)
                for (parent, (need, gradient)) in zip(node.parents, zip(needs, parentCotangents)) where need {
                    guard let gradient else { continue }
                    precondition(gradient.shape == parent.shape,
                                 "\(node.operation): gradient shape \(gradient.shape) differs from input shape \(parent.shape)")
                    let parentID = ObjectIdentifier(parent)
                    pending[parentID] = pending[parentID].map { $0 + gradient } ?? gradient
                }
            }
        }
        return found
    }
}
