/// The error and info codes the simulator answers with. Cisco's own table is not public, so
/// these are the simulator's, chosen not to collide with the few codes the specification shows
/// (100, 2024, 2560, 10022 are Cisco's and keep their meaning). Replace the table here when the
/// real one is known; docs/simulator.md lists it.
public enum SimulatorCodes {
    /// Precheck passed (Cisco's).
    public static let precheckSuccess = 100
    /// The body failed validation; one error per problem.
    public static let invalidBody = 1001
    /// The body is not `application/json`.
    public static let unsupportedMediaType = 1002
    /// The body is not JSON.
    public static let malformedJSON = 1003
    /// A list option is not valid.
    public static let invalidOption = 1004
    /// Billing report not found (Cisco's).
    public static let reportNotFound = 2024
    /// A billing report for a period that has not ended fails.
    public static let billingPeriodOpen = 2030
    /// Webex Calling services under maintenance (Cisco's warning).
    public static let callingMaintenance = 2560
    /// The provisioningId names no customer template.
    public static let unknownProvisioningId = 4001
    /// A package the customer template does not allow.
    public static let packageNotInTemplate = 4002
    /// The address could not be verified.
    public static let addressUnverifiable = 4003
    /// A package is not offered in the customer's country.
    public static let packageNotOffered = 4004
    /// A customer with this externalId exists already.
    public static let duplicateExternalId = 4009
    /// No such customer (or not visible to the caller).
    public static let customerNotFound = 4010
    /// The request has no `Authorization: Bearer …` header (401).
    public static let missingToken = 4011
    /// The sub-partner is suspended: it may only delete.
    public static let subPartnerSuspended = 4030
    /// The org is not a sub-partner of the caller.
    public static let notASubPartner = 4031
    /// The customer is busy with background work.
    public static let customerBusy = 4230
    /// Too many requests.
    public static let rateLimited = 4290
    /// No such path.
    public static let noRoute = 4040
    /// The path does not take this method.
    public static let methodNotAllowed = 4050
    /// A subscriber needs a provisioned customer.
    public static let customerNotProvisioned = 5001
    /// No such subscriber.
    public static let subscriberNotFound = 5004
    /// A consent email is only for `pending_user_migration` subscribers.
    public static let notPendingMigration = 5005
    /// Background provisioning failed.
    public static let provisioningFailed = 7001
    /// An injected server fault.
    public static let injectedFault = 9000
    /// The email is already associated with an existing user (Cisco's).
    public static let emailInUse = 10022

    /// Every code by its name here: what a scenario's `codes` part names to give a code the
    /// partner's own number (docs/simulator.md#scenarios).
    public static let byName: [String: Int] = [
        "precheckSuccess": precheckSuccess,
        "invalidBody": invalidBody,
        "unsupportedMediaType": unsupportedMediaType,
        "malformedJSON": malformedJSON,
        "invalidOption": invalidOption,
        "reportNotFound": reportNotFound,
        "billingPeriodOpen": billingPeriodOpen,
        "callingMaintenance": callingMaintenance,
        "unknownProvisioningId": unknownProvisioningId,
        "packageNotInTemplate": packageNotInTemplate,
        "addressUnverifiable": addressUnverifiable,
        "packageNotOffered": packageNotOffered,
        "duplicateExternalId": duplicateExternalId,
        "customerNotFound": customerNotFound,
        "missingToken": missingToken,
        "subPartnerSuspended": subPartnerSuspended,
        "notASubPartner": notASubPartner,
        "customerBusy": customerBusy,
        "rateLimited": rateLimited,
        "noRoute": noRoute,
        "methodNotAllowed": methodNotAllowed,
        "customerNotProvisioned": customerNotProvisioned,
        "subscriberNotFound": subscriberNotFound,
        "notPendingMigration": notPendingMigration,
        "provisioningFailed": provisioningFailed,
        "injectedFault": injectedFault,
        "emailInUse": emailInUse,
    ]
}
