import Foundation
import JSONValues

/// Where an asynchronous customer operation can be followed: the `{url}` body (and `Location`
/// header) of a 202, with the customer id taken from its last path segment.
public struct ResourceLocation: Sendable, Hashable {
    /// The Get-customer URL.
    public let url: String
    /// The customer id.
    public let id: String

    /// Reads the location from a 202 response's body, or failing that its `Location` header.
    init?(body: [UInt8], location: String?) {
        let url = (try? JSONValue(json: body))?["url"]?.stringValue ?? location
        guard let url, let path = URLComponents(string: url)?.path,
              let last = path.split(separator: "/").last, !last.isEmpty
        else { return nil }
        self.url = url
        self.id = String(last)
    }

    /// A location built from a known id (after a lookup).
    init(baseURL: String, customerId: String) {
        self.url = baseURL + "/v1/wholesale/customers/" + customerId
        self.id = customerId
    }
}
