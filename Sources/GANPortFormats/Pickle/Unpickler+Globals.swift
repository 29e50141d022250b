/// Globals, extension codes and persistent ids: references only, never resolved.
extension Unpickler {
    /// Records a referenced global and reports it when dangerous. Returns the name the tree
    /// holds (renamed to Python 3 for protocols 0–2, as `pickle` does).
    mutating func reference(module: String, name: String) -> PickleGlobal {
        let written = PickleGlobal(module, name)
        let loaded = protocolVersion < 3 ? written.python3Name : written
        if seenGlobals.insert(loaded).inserted { globals.append(loaded) }
        let normalized = written.python3Name
        if PickleAllowlist.isDangerous(normalized) {
            report(.dangerous, normalized)
        }
        return loaded
    }

    mutating func report(_ severity: SecurityFinding.Severity, _ global: PickleGlobal) {
        findings.append(SecurityFinding(severity: severity, module: global.module, name: global.name,
                                        byteOffset: opcodeOffset, stream: streamName))
    }

    /// Reads the `module\nname\n` lines of `GLOBAL` and `INST`.
    mutating func readGlobalName() throws -> PickleGlobal {
        let moduleLine = try readLine()
        let nameLine = try readLine()
        guard let module = PickleText.string(utf8: rawBytes(moduleLine)),
              let name = PickleText.string(utf8: rawBytes(nameLine))
        else { throw PickleError.invalidUTF8(opcode: opcode.name, offset: opcodeOffset) }
        return reference(module: module, name: name)
    }

    mutating func loadGlobal() throws {
        try push(.global(try readGlobalName()))
    }

    /// `STACK_GLOBAL`: module and name strings from the stack.
    mutating func loadStackGlobal() throws {
        let name = try pop().value
        let module = try pop().value
        guard case let .string(moduleName) = module else { throw wrongOperand(expected: "a module name string", found: module) }
        guard case let .string(globalName) = name else { throw wrongOperand(expected: "a global name string", found: name) }
        try push(.global(reference(module: moduleName, name: globalName)))
    }

    /// `EXT1/2/4`: a code in Python's extension registry, which maps it to any global.
    /// Reported as an unsafe opcode; the value is a placeholder global naming the code.
    mutating func loadExtension(codeBytes: Int) throws {
        let code: Int64
        switch codeBytes {
        case 1: code = Int64(try readUInt8())
        case 2: code = Int64(try readUInt16())
        default: code = Int64(try readInt32())
        }
        guard code > 0 else { throw PickleError.invalidExtensionCode(code: code, opcode: opcode.name, offset: opcodeOffset) }
        findings.append(SecurityFinding(severity: .unsafeOpcode, module: "", name: opcode.name,
                                        byteOffset: opcodeOffset, stream: streamName))
        try push(.global(PickleGlobal(Self.extensionRegistryModule, String(code))))
    }

    /// Module name of the placeholder globals `EXT1/2/4` push.
    public static let extensionRegistryModule = "copyreg._extension_registry"

    /// `PERSID`: an ASCII/UTF-8 id line.
    mutating func loadTextPersistentID() throws {
        let line = try readLine()
        guard let id = PickleText.string(utf8: rawBytes(line)) else {
            throw PickleError.invalidUTF8(opcode: opcode.name, offset: opcodeOffset)
        }
        try charge(line.count)
        try push(.persistentID(.string(id)), depth: 1)
    }

    /// `BINPERSID`: the id is the top value.
    mutating func loadBinaryPersistentID() throws {
        let id = try pop()
        try push(.persistentID(id.value), depth: depth(of: id) + 1)
    }
}
