/// Call opcodes (`REDUCE`, `NEWOBJ`, `NEWOBJ_EX`, `INST`, `OBJ`) and `BUILD`. A call is
/// recorded as a `PickleObject`, or given a fixed built-in meaning (`PickleBuiltins`);
/// nothing is ever called.
extension Unpickler {
    mutating func loadReduce() throws {
        let arguments = try pop()
        let callee = try pop()
        guard case let .tuple(items) = arguments.value else {
            throw wrongOperand(expected: "an argument tuple", found: arguments.value)
        }
        recordCall(of: callee.value, arguments: items)
        if let meaning = try builtinMeaning(of: callee.value, arguments: items, argumentsEntry: arguments, creation: .reduce) {
            return try push(meaning)
        }
        try pushObject(callee: callee, arguments: arguments, keywords: nil, creation: .reduce)
    }

    mutating func loadNewObj() throws {
        let arguments = try pop()
        let cls = try pop()
        guard case let .tuple(items) = arguments.value else {
            throw wrongOperand(expected: "an argument tuple", found: arguments.value)
        }
        recordCall(of: cls.value, arguments: items)
        if let meaning = try builtinMeaning(of: cls.value, arguments: items, argumentsEntry: arguments, creation: .newObj) {
            return try push(meaning)
        }
        try pushObject(callee: cls, arguments: arguments, keywords: nil, creation: .newObj)
    }

    mutating func loadNewObjEx() throws {
        let keywords = try pop()
        let arguments = try pop()
        let cls = try pop()
        guard case let .tuple(items) = arguments.value else {
            throw wrongOperand(expected: "an argument tuple", found: arguments.value)
        }
        guard case .dict = keywords.value else { throw wrongOperand(expected: "a keyword dict", found: keywords.value) }
        recordCall(of: cls.value, arguments: items)
        if let meaning = try builtinMeaning(of: cls.value, arguments: items, argumentsEntry: arguments, creation: .newObjEx) {
            return try push(meaning)
        }
        try pushObject(callee: cls, arguments: arguments, keywords: keywords, creation: .newObjEx)
    }

    /// `INST module\nname\n`: instantiate the named class with the values above the `MARK`.
    mutating func loadInst() throws {
        let cls = Entry(value: .global(try readGlobalName()), depth: 0)
        let items = try popMark()
        let arguments = Entry(value: .tuple(items.map(\.value)), depth: containerDepth(of: items))
        recordCall(of: cls.value, arguments: items.map(\.value))
        try pushObject(callee: cls, arguments: arguments, keywords: nil, creation: .inst)
    }

    /// `OBJ`: the first value above the `MARK` is the class, the rest its arguments.
    mutating func loadObj() throws {
        let items = try popMark()
        guard let cls = items.first else { throw PickleError.stackUnderflow(opcode: opcode.name, offset: opcodeOffset) }
        let rest = items.dropFirst()
        let arguments = Entry(value: .tuple(rest.map(\.value)), depth: containerDepth(of: rest))
        recordCall(of: cls.value, arguments: rest.map(\.value))
        try pushObject(callee: cls, arguments: arguments, keywords: nil, creation: .obj)
    }

    /// `BUILD`: state for the object (`state`) or dict (`buildState`) under it.
    mutating func loadBuild() throws {
        let state = try pop()
        let target = try top()
        let stateDepth = depth(of: state) + 1
        switch target.value {
        case let .object(object):
            object.state = state.value
            object.nestingDepth = Swift.max(object.nestingDepth, stateDepth)
            try checkDepth(object.nestingDepth)
        case let .dict(dict):
            dict.buildState = state.value
            dict.nestingDepth = Swift.max(dict.nestingDepth, stateDepth)
            try checkDepth(dict.nestingDepth)
        default:
            throw PickleError.wrongContainer(opcode: opcode.name, offset: opcodeOffset, found: target.value.kindName)
        }
    }

    mutating func pushObject(callee: Entry, arguments: Entry, keywords: Entry?, creation: PickleObject.Creation) throws {
        let object = PickleObject(callee: callee.value, arguments: arguments.value, keywordArguments: keywords?.value,
                                  creation: creation, byteOffset: opcodeOffset)
        var deepest = Swift.max(depth(of: callee), depth(of: arguments))
        if let keywords { deepest = Swift.max(deepest, depth(of: keywords)) }
        object.nestingDepth = deepest + 1
        try push(.object(object), depth: object.nestingDepth)
    }

    /// Reports a call of anything outside the allowlist (dangerous globals were reported
    /// where they were referenced), and checks classes that allowlisted callees instantiate.
    mutating func recordCall(of callee: PickleValue, arguments: [PickleValue]) {
        guard case let .global(global) = callee else {
            return reportUnknownCall(of: callee)
        }
        let name = global.python3Name
        switch PickleAllowlist.verdict(name) {
        case .dangerous:
            break
        case .unknown:
            report(.unknownCall, name)
        case .allowed:
            for position in PickleAllowlist.classArguments[name] ?? [] where position < arguments.count {
                let cls = arguments[position]
                if case let .global(argument) = cls {
                    if PickleAllowlist.verdict(argument) == .unknown { report(.unknownCall, argument.python3Name) }
                } else {
                    reportUnknownCall(of: cls)
                }
            }
        }
    }

    /// A call whose callee is not a global (the result of another call, a string, …).
    mutating func reportUnknownCall(of callee: PickleValue) {
        findings.append(SecurityFinding(severity: .unknownCall, module: "", name: "<\(callee.kindName)>",
                                        byteOffset: opcodeOffset, stream: streamName))
    }
}
