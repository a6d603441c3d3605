/// The rules a local validator enforces, with stable ids that scripts and tests can match.
/// The comment on each names the section of the reference (wholesale-api.md §11) it comes from.
public enum ValidationRule: String, Sendable, CaseIterable, Hashable {
    /// §11.1: the body is a JSON object.
    case bodyObject = "body.object"
    /// A field has the wrong JSON type (a number where a string belongs, …).
    case fieldType = "field.type"
    /// §11.2, 13, 14, 16, 19: a required field is missing or empty.
    case fieldRequired = "field.required"
    /// A field the API does not know (from the OpenAPI reference): a warning naming the nearest
    /// known field, an error with `--strict-fields`.
    case fieldUnknown = "field.unknown"
    /// §11.3: `customerInfo` is required unless `orgId` names an existing organisation.
    case customerInfo = "customer.info"
    /// §11.4: the customer name has no `%`.
    case customerName = "customer.name"
    /// §11.12: `provisioningId`, `orgId` and `customerInfo` cannot be changed by an update.
    case customerUpdateField = "customer.update-field"
    /// §11.5: a country is an ISO 3166-1 alpha-2 code.
    case countryCode = "country.iso2"
    /// §11.5: each address line is at most 50 characters.
    case addressLineLength = "address.line-length"
    /// §11.2: the package list is not empty.
    case packagesEmpty = "packages.empty"
    /// §11.6: every package is one the endpoint offers.
    case packageKnown = "packages.known"
    /// §11.6: no package is listed twice.
    case packageDuplicate = "packages.duplicate"
    /// §11.7: add-ons come with a package they depend on.
    case packageDependency = "packages.dependency"
    /// §11.8: calling packages need `provisioningParameters.calling.location`.
    case callingLocation = "calling.location"
    /// §11.9: a time zone is a name in the IANA database.
    case timeZone = "timezone.iana"
    /// §11.10: a language code has the shape the field expects.
    case language = "language.code"
    /// §11.11: an email address is syntactically valid.
    case email = "email.syntax"
    /// §11.14: a phone number is E.164 (`+` then up to 15 digits).
    case phone = "phone.e164"
    /// §11.14–16: exactly one of `package` and `packages`.
    case subscriberPackageChoice = "subscriber.package-choice"
    /// §11.14: `packages` holds one package (an add-on may join it).
    case subscriberPackageCount = "subscriber.package-count"
    /// §11.14: the deprecated `package` takes only the six original values.
    case subscriberLegacyPackage = "subscriber.package-legacy"
    /// §11.14–15: a calling package needs a phone number or an extension (a warning: users
    /// already on Webex Calling are exempt, and only the server knows them).
    case subscriberNumber = "subscriber.number"
    /// §11.19: a billing date is a real `YYYY-MM-DD` date.
    case billingDate = "billing.date"
    /// §11.19: the billing report type is `PARTNER`, `CUSTOMER` or `USER`.
    case billingType = "billing.type"
    /// §11.20: `max` is a positive integer within the endpoint's ceiling.
    case queryMax = "query.max"
    /// §11.20: a list option takes one of its documented values.
    case queryValue = "query.value"
}
