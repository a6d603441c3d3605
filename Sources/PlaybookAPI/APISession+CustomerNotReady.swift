import JSONValues
import WholesaleAPI

extension APISession {
    /// The error of a subscriber provision the API refused, with the fix when the reason is a
    /// customer still provisioning: the customer is looked up (one GET, only after a refusal) and,
    /// when its status is `provisioning`, the message says to wait for it first.
    func withCustomerHint(_ error: WholesaleError, customerId: String?, scope: String?) async -> WholesaleError {
        guard error.kind == .http, let status = error.status, (400..<500).contains(status), let customerId, !customerId.isEmpty,
              let customer = try? await client.getCustomer(customerId, onBehalfOf: scope).jsonValue,
              CustomerStatus(rawValue: customer["status"]?.stringValue ?? "") == .provisioning else { return error }
        var hinted = error
        hinted.message += "; wait for the customer first ({ wait = true } on customers.provision, or customers.wait(id))"
        return hinted
    }
}
