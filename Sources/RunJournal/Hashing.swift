import Crypto

/// SHA-256 in hex, for the playbook's fingerprint in the journal and `--redact-pii` emails.
package enum Hashing {
    package static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
