/// The API's first check: a bearer token. The simulator takes any token (it checks none), but a
/// request without one gets 401 with the Webex error body, as from Webex.
extension Simulator {
    /// What Webex says to a request without a token.
    static let missingTokenMessage = "The request requires a valid access token set in the Authorization request header."

    /// 401 unless the request carries `Authorization: Bearer <token>`.
    func refuseUnauthenticated(_ request: SimulatorRequest) -> Refusal? {
        let value = request.header("Authorization") ?? ""
        let scheme = value.prefix(7)
        let token = value.dropFirst(7).drop { $0 == " " }
        if scheme.lowercased() == "bearer ", !token.isEmpty { return nil }
        return Refusal(request.error(401, Self.missingTokenMessage, code: SimulatorCodes.missingToken))
    }
}
