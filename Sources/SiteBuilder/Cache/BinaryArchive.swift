import Foundation
import GazetteCore

/// A compact binary form for `Codable` values, made for the build cache: tens of megabytes of
/// article text and HTML must be written and read back in a fraction of a second, which JSON
/// cannot do.
///
/// Every value is a node: one tag byte (`0` nil, `1` present), its payload's length in four
/// bytes, then the payload. A keyed container's payload is a run of key (a node holding its
/// UTF-8) and child node; an unkeyed one's is a run of child nodes; a single value's is its bytes
/// (integers and floating-point numbers in eight little-endian bytes, text as UTF-8, byte
/// arrays as they are). Reading checks every length, so truncated or damaged data throws
/// instead of crashing.
enum BinaryArchive {
    /// The bytes of `value`.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let writer = ArchiveWriter()
        try writer.writeNode(depth: 0) { try writer.encodeValue(value, depth: 0) }
        return writer.bytes
    }

    /// The value `bytes` hold.
    /// - Throws: `BinaryArchive.Damaged` when they are not a well-formed archive of `type`.
    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try bytes.withUnsafeBufferPointer { try decode(type, from: $0) }
    }

    /// The value `buffer` holds, read in place.
    /// - Throws: `BinaryArchive.Damaged` when it is not a well-formed archive of `type`.
    static func decode<Value: Decodable>(_ type: Value.Type, from buffer: UnsafeBufferPointer<UInt8>) throws -> Value {
        let reader = try ArchiveReader(buffer: buffer)
        let node = try reader.node(at: 0)
        guard node.end == buffer.count else { throw Damaged(reason: "trailing bytes") }
        return try reader.decodeValue(type, node: node)
    }

    /// The archives of the elements of an array's archive, found in place without decoding
    /// them: each is the archive `encode` makes of that element.
    /// - Throws: `BinaryArchive.Damaged` when `buffer` is not an array's archive.
    static func elements(of buffer: UnsafeBufferPointer<UInt8>) throws -> [UnsafeBufferPointer<UInt8>] {
        let reader = try ArchiveReader(buffer: buffer)
        let array = try reader.node(at: 0)
        guard !array.isNil, array.end == buffer.count else { throw Damaged(reason: "not an array") }
        var elements: [UnsafeBufferPointer<UInt8>] = []
        var offset = array.start
        while offset < array.end {
            let element = try reader.node(at: offset)
            elements.append(UnsafeBufferPointer(rebasing: buffer[offset..<element.end]))
            offset = element.end
        }
        return elements
    }

    /// The archive of an array whose elements' archives are `elements`, as `encode` makes it.
    static func array(ofElements elements: [[UInt8]]) -> [UInt8] {
        let length = elements.reduce(0) { $0 + $1.count }
        var bytes = arrayHeader(length: length)
        bytes.reserveCapacity(5 + length)
        for element in elements { bytes += element }
        return bytes
    }

    /// What precedes the elements in the archive of an array whose elements' archives are
    /// `length` bytes long.
    static func arrayHeader(length: Int) -> [UInt8] {
        [1] + (0..<4).map { UInt8(truncatingIfNeeded: UInt32(length) >> (8 * $0)) }
    }

    /// Appends `value` in eight little-endian bytes, the archive's (and the cache file's) integers.
    static func appendInteger(_ value: UInt64, to bytes: inout [UInt8]) {
        for index in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
    }

    /// The integer eight little-endian bytes hold.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        bytes.prefix(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Bytes that are not an archive of the expected type.
    struct Damaged: Error, CustomStringConvertible {
        let reason: String
        var description: String { "damaged archive: \(reason)" }
    }
}

/// Where a value lies in the bytes being decoded, read in place of the value: a type decoded
/// from an archive names a field it leaves in the bytes, to be read later if at all. For text,
/// the range of its UTF-8.
struct ArchivedPlace: Decodable, Sendable {
    let range: Range<Int>

    init(range: Range<Int>) {
        self.range = range
    }

    /// Only `BinaryArchive` knows where values lie.
    init(from decoder: any Decoder) throws {
        throw DecodingError.typeMismatch(
            ArchivedPlace.self, .init(codingPath: decoder.codingPath, debugDescription: "not a binary archive"))
    }
}

// MARK: - Writing

/// Writes nodes into one growing buffer; a node's length is patched in when it closes.
private final class ArchiveWriter {
    var bytes: [UInt8] = []
    /// Nodes begun and not yet closed: where each starts and how deep it is.
    private var open: [(start: Int, depth: Int)] = []

    /// Writes a node at `depth` whose payload `body` writes.
    func writeNode(depth: Int, _ body: () throws -> Void) rethrows {
        beginNode(depth: depth)
        try body()
        closeNodes(from: depth)
    }

    /// Starts a node at `depth`, closing any deeper or equal one left open by a nested container.
    func beginNode(depth: Int) {
        closeNodes(from: depth)
        bytes.append(1)
        open.append((bytes.count, depth))
        bytes.append(contentsOf: [0, 0, 0, 0])
    }

    /// Closes every open node at `depth` or deeper.
    func closeNodes(from depth: Int) {
        while let last = open.last, last.depth >= depth {
            open.removeLast()
            let length = UInt32(bytes.count - last.start - 4)
            for index in 0..<4 { bytes[last.start + index] = UInt8(truncatingIfNeeded: length >> (8 * index)) }
        }
    }

    func writeNil(depth: Int) {
        closeNodes(from: depth)
        bytes.append(contentsOf: [0, 0, 0, 0, 0])
    }

    /// Writes the key of the next entry of the keyed container at `depth`, as a node of its own.
    func writeKey(_ key: some CodingKey, depth: Int) {
        writeNode(depth: depth + 1) { bytes.append(contentsOf: key.stringValue.utf8) }
    }

    /// Begins a child node at `depth` for a nested container or encoder to fill.
    func openChild(depth: Int) -> ArchiveEncoder {
        beginNode(depth: depth)
        return ArchiveEncoder(writer: self, depth: depth)
    }

    func appendInteger(_ value: UInt64) {
        BinaryArchive.appendInteger(value, to: &bytes)
    }

    /// Writes the payload of `value` into the node at `depth` already begun.
    func encodeValue<Value: Encodable>(_ value: Value, depth: Int) throws {
        switch value {
        case let text as String: bytes.append(contentsOf: text.utf8)
        case let raw as [UInt8]: bytes.append(contentsOf: raw)
        case let data as Data: bytes.append(contentsOf: data)
        default: try value.encode(to: ArchiveEncoder(writer: self, depth: depth))
        }
    }

    /// Writes `value` as a child node at `depth`.
    func encodeChild<Value: Encodable>(_ value: Value, depth: Int) throws {
        try writeNode(depth: depth) { try encodeValue(value, depth: depth) }
    }
}

private struct ArchiveEncoder: Encoder {
    let writer: ArchiveWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedWriter<Key>(writer: writer, depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedWriter(writer: writer, depth: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueWriter(writer: writer, depth: depth)
    }
}

private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: ArchiveWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        writer.writeKey(key, depth: depth)
        writer.writeNil(depth: depth + 1)
    }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        writer.writeKey(key, depth: depth)
        try writer.encodeChild(value, depth: depth + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        writer.writeKey(key, depth: depth)
        return writer.openChild(depth: depth + 1).container(keyedBy: NestedKey.self)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.writeKey(key, depth: depth)
        return writer.openChild(depth: depth + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        ArchiveEncoder(writer: writer, depth: depth)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        writer.writeKey(key, depth: depth)
        return writer.openChild(depth: depth + 1)
    }
}

private struct UnkeyedWriter: UnkeyedEncodingContainer {
    let writer: ArchiveWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var count = 0

    init(writer: ArchiveWriter, depth: Int) {
        self.writer = writer
        self.depth = depth
    }

    mutating func encodeNil() throws {
        writer.writeNil(depth: depth + 1)
        count += 1
    }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        try writer.encodeChild(value, depth: depth + 1)
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        count += 1
        return writer.openChild(depth: depth + 1).container(keyedBy: NestedKey.self)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        count += 1
        return writer.openChild(depth: depth + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        count += 1
        return writer.openChild(depth: depth + 1)
    }
}

private struct SingleValueWriter: SingleValueEncodingContainer {
    let writer: ArchiveWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {
        // A nil single value is a present node with no payload; `decodeNil` tells it apart
        // from an empty string by the type asked for, which the value's own coding decides.
        writer.bytes[writer.bytes.count - 5] = 0
    }

    mutating func encode(_ value: Bool) throws { writer.bytes.append(value ? 1 : 0) }
    mutating func encode(_ value: Double) throws { writer.appendInteger(value.bitPattern) }
    mutating func encode(_ value: Float) throws { writer.appendInteger(Double(value).bitPattern) }
    mutating func encode(_ value: Int) throws { writer.appendInteger(UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int8) throws { writer.appendInteger(UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int16) throws { writer.appendInteger(UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int32) throws { writer.appendInteger(UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int64) throws { writer.appendInteger(UInt64(bitPattern: value)) }
    mutating func encode(_ value: UInt) throws { writer.appendInteger(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { writer.appendInteger(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { writer.appendInteger(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { writer.appendInteger(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { writer.appendInteger(value) }
    mutating func encode(_ value: String) throws { writer.bytes.append(contentsOf: value.utf8) }
    mutating func encode<Value: Encodable>(_ value: Value) throws { try writer.encodeValue(value, depth: depth) }
}

// MARK: - Reading

/// A node's place in the buffer, in two words: decoders and containers that hold one and the
/// reader fit in an existential's inline buffer, so making one allocates nothing.
private struct Node {
    private let bounds: UInt64
    let isNil: Bool

    init(isNil: Bool, start: Int, end: Int) {
        self.isNil = isNil
        bounds = UInt64(start) | UInt64(end) << 32
    }

    /// Where the payload starts.
    var start: Int { Int(truncatingIfNeeded: bounds & 0xFFFF_FFFF) }
    /// Where the payload ends, which is where the next node starts.
    var end: Int { Int(truncatingIfNeeded: bounds >> 32) }
}

/// Reads an archive in place. Coding paths are not tracked (every container's is empty): a
/// damaged archive is thrown away whole, and tracking them cost an array per value.
private final class ArchiveReader {
    let buffer: UnsafeBufferPointer<UInt8>

    /// A reader of `buffer`, which nodes' offsets must fit in four bytes.
    init(buffer: UnsafeBufferPointer<UInt8>) throws {
        guard buffer.count < 1 << 32 else { throw BinaryArchive.Damaged(reason: "more than 4 GB") }
        self.buffer = buffer
    }

    /// The node whose header starts at `offset`.
    func node(at offset: Int) throws -> Node {
        guard offset + 5 <= buffer.count else { throw BinaryArchive.Damaged(reason: "node header past the end") }
        var length = 0
        for index in 0..<4 { length |= Int(buffer[offset + 1 + index]) << (8 * index) }
        let start = offset + 5
        guard buffer[offset] <= 1, start + length <= buffer.count else {
            throw BinaryArchive.Damaged(reason: "node at \(offset) runs past the end")
        }
        return Node(isNil: buffer[offset] == 0, start: start, end: start + length)
    }

    func bytes(of node: Node) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[node.start..<node.end])
    }

    func integer(of node: Node) throws -> UInt64 {
        guard node.end - node.start == 8 else { throw mismatch(UInt64.self) }
        return BinaryArchive.integer(bytes(of: node))
    }

    func flag(of node: Node) throws -> Bool {
        guard node.end - node.start == 1 else { throw mismatch(Bool.self) }
        return buffer[node.start] != 0
    }

    /// The value `node` holds; most values are leaves read in place.
    func decodeValue<Value: Decodable>(_ type: Value.Type, node: Node) throws -> Value {
        if type == String.self {
            // Not the standard library's validating initializer, which is generic and looks up
            // type metadata for each of the tens of thousands of ids a cache file holds.
            guard let text = ByteRunReader.text(bytes(of: node)) else { throw mismatch(type) }
            return text as! Value
        }
        if type == Int.self { return Int(truncatingIfNeeded: Int64(bitPattern: try integer(of: node))) as! Value }
        if type == Bool.self { return try flag(of: node) as! Value }
        if type == [UInt8].self { return Array(bytes(of: node)) as! Value }
        if type == ArchivedPlace.self { return ArchivedPlace(range: node.start..<node.end) as! Value }
        if type == Data.self { return Data(bytes(of: node)) as! Value }
        return try Value(from: ArchiveDecoder(reader: self, node: node))
    }

    func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: [], debugDescription: "the archive holds something else"))
    }
}

private struct ArchiveDecoder: Decoder {
    let reader: ArchiveReader
    let node: Node
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedReader<Key>(reader: reader, node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedReader(reader: reader, node: node)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueReader(reader: reader, node: node)
    }
}

/// A keyed container: a run of key and value nodes, looked up by comparing each key's UTF-8
/// bytes, never made into strings. Containers hold a handful of keys, so a lookup walks them
/// instead of indexing them first.
private struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: ArchiveReader
    let node: Node
    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] {
        var keys: [Key] = []
        var offset = node.start
        while offset < node.end, let key = try? reader.node(at: offset), let value = try? reader.node(at: key.end) {
            if let found = Key(stringValue: String(decoding: reader.bytes(of: key), as: UTF8.self)) {
                keys.append(found)
            }
            offset = value.end
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { (try? entry(key)) != nil }

    private func entry(_ key: Key) throws -> Node? {
        var name = key.stringValue
        return try name.withUTF8 { wanted in
            var offset = node.start
            while offset < node.end {
                let keyNode = try reader.node(at: offset)
                let value = try reader.node(at: keyNode.end)
                guard value.end <= node.end else { throw BinaryArchive.Damaged(reason: "entry runs past its node") }
                if keyNode.end - keyNode.start == wanted.count, reader.bytes(of: keyNode).elementsEqual(wanted) {
                    return value
                }
                offset = value.end
            }
            return nil
        }
    }

    private func node(_ key: Key) throws -> Node {
        guard let node = try entry(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "not in the archive"))
        }
        return node
    }

    func decodeNil(forKey key: Key) throws -> Bool { try node(key).isNil }

    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try reader.decodeValue(type, node: try node(key))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        KeyedDecodingContainer(KeyedReader<NestedKey>(reader: reader, node: try node(key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        UnkeyedReader(reader: reader, node: try node(key))
    }

    func superDecoder() throws -> any Decoder {
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no super decoder"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ArchiveDecoder(reader: reader, node: try node(key))
    }
}

private struct UnkeyedReader: UnkeyedDecodingContainer {
    let reader: ArchiveReader
    /// Where the elements end.
    private let end: UInt32
    /// Where the next element starts.
    private var offset: UInt32
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var count: Int? { nil }

    init(reader: ArchiveReader, node: Node) {
        self.reader = reader
        end = UInt32(node.end)
        offset = UInt32(node.start)
    }

    var isAtEnd: Bool { offset >= end }

    private mutating func next() throws -> Node {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: [], debugDescription: "no more values"))
        }
        let child = try reader.node(at: Int(offset))
        guard child.end <= Int(end) else { throw BinaryArchive.Damaged(reason: "element runs past its list") }
        offset = UInt32(child.end)
        currentIndex += 1
        return child
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, try reader.node(at: Int(offset)).isNil else { return false }
        _ = try next()
        return true
    }

    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try reader.decodeValue(type, node: try next())
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        KeyedDecodingContainer(KeyedReader<NestedKey>(reader: reader, node: try next()))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedReader(reader: reader, node: try next())
    }

    mutating func superDecoder() throws -> any Decoder {
        ArchiveDecoder(reader: reader, node: try next())
    }
}

private struct SingleValueReader: SingleValueDecodingContainer {
    let reader: ArchiveReader
    let node: Node
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { node.isNil }

    func decode(_ type: Bool.Type) throws -> Bool { try reader.flag(of: node) }

    func decode(_ type: String.Type) throws -> String { try reader.decodeValue(type, node: node) }
    func decode(_ type: Double.Type) throws -> Double { Double(bitPattern: try raw()) }
    func decode(_ type: Float.Type) throws -> Float { Float(Double(bitPattern: try raw())) }
    func decode(_ type: Int.Type) throws -> Int { try signed() }
    func decode(_ type: Int8.Type) throws -> Int8 { try signed() }
    func decode(_ type: Int16.Type) throws -> Int16 { try signed() }
    func decode(_ type: Int32.Type) throws -> Int32 { try signed() }
    func decode(_ type: Int64.Type) throws -> Int64 { try signed() }
    func decode(_ type: UInt.Type) throws -> UInt { try unsigned() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try unsigned() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try unsigned() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try unsigned() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try raw() }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try reader.decodeValue(type, node: node)
    }

    private func raw() throws -> UInt64 { try reader.integer(of: node) }

    private func signed<Value: FixedWidthInteger & SignedInteger>() throws -> Value {
        guard let value = Value(exactly: Int64(bitPattern: try raw())) else { throw reader.mismatch(Value.self) }
        return value
    }

    private func unsigned<Value: FixedWidthInteger & UnsignedInteger>() throws -> Value {
        guard let value = Value(exactly: try raw()) else { throw reader.mismatch(Value.self) }
        return value
    }
}
