import JSONValues
import WholesaleAPI

/// Builds the simulator's answers: JSON with the `trackingid` header, and the Webex error body.
extension SimulatorRequest {
    func json(_ status: Int, _ value: JSONValue, headers: [(name: String, value: String)] = []) -> TransportResponse {
        TransportResponse(
            status: status,
            headers: [("Content-Type", "application/json"), ("trackingid", trackingId)] + headers,
            body: value.jsonBytes()
        )
    }

    func empty(_ status: Int, headers: [(name: String, value: String)] = []) -> TransportResponse {
        TransportResponse(status: status, headers: [("trackingid", trackingId)] + headers)
    }

    /// `{message, errors: [{description, errorCode}], trackingId}`.
    func error(_ status: Int, _ message: String, code: Int, more: [(code: Int, description: String)] = [],
               headers: [(name: String, value: String)] = []) -> TransportResponse {
        let errors = ([(code, message)] + more).map { entry -> JSONValue in
            ["description": .string(entry.1), "errorCode": .integer(Int64(self.code(entry.0)))]
        }
        return json(status, ["message": .string(message), "errors": .array(errors), "trackingId": .string(trackingId)], headers: headers)
    }
}
