"""The endpoint declarations users import: their values, their checks, their import footprint."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
from typing import Annotated, Any, Literal

import pytest

from iam_client_models import ConsumerAuthTokenEndpointInput, ConsumerAuthTokenEndpointOutput
from iam_client_models.endpoints import (
    API_CLASSES,
    BASE_URL,
    CONSUMER_AUTH_API,
    CONSUMER_AUTH_TOKEN_ENDPOINT,
    CORS_HEADERS,
    CREATE_PROJECT_SCOPED_TOKEN,
    DEFAULT_API,
    GET_POLICIES,
    GET_WELL_KNOWN_DID,
    LIST_PROJECTS_OF_TOKEN,
    OPERATIONS,
    SECURITY_SCHEMES,
    USER_TOKEN_AUTH,
    WHOAMI,
    ApiClass,
    Body,
    Limit,
    Operation,
    Parameter,
    RequestBody,
    Response,
    SecurityScheme,
    StartKey,
    UuidString,
    operation,
)

OK = Response(200, "OK", "Fine.", ConsumerAuthTokenEndpointOutput)


def changed(**changes: Any) -> Operation:
    return dataclasses.replace(CONSUMER_AUTH_TOKEN_ENDPOINT, **changes)


def path_parameter(name: str = "tokenId", **changes: Any) -> Parameter:
    values: dict[str, Any] = {
        "name": name,
        "location": "path",
        "annotation": str,
        "required": True,
        "description": "The ID.",
        "example": "x",
    }
    return Parameter(**{**values, **changes})


def test_the_operations_are_those_of_the_classes_in_order() -> None:
    # Which classes, operations and order: test_api_parity.py, against the pinned upstream.
    assert tuple(op for api in API_CLASSES for op in api.operations) == OPERATIONS
    # A class's order is its operations' names', whatever the order they are added in.
    added = ApiClass("Added")
    assert [added.add(op) for op in (WHOAMI, CREATE_PROJECT_SCOPED_TOKEN)] == [
        WHOAMI,
        CREATE_PROJECT_SCOPED_TOKEN,
    ]
    assert added.operations == (CREATE_PROJECT_SCOPED_TOKEN, WHOAMI)
    assert operation("getToken").path == "/v1/tokens/{tokenId}"
    with pytest.raises(KeyError, match="no operation 'nope'"):
        operation("nope")
    assert BASE_URL == "https://apse1.api.affinidi.io/iam"


def test_consumer_auth_api_declares_the_token_endpoint() -> None:
    assert CONSUMER_AUTH_API.name == "ConsumerAuthApi"
    assert CONSUMER_AUTH_API.operations == (CONSUMER_AUTH_TOKEN_ENDPOINT,)
    endpoint = CONSUMER_AUTH_TOKEN_ENDPOINT
    assert (endpoint.name, endpoint.python_name) == (
        "consumerAuthTokenEndpoint",
        "consumer_auth_token_endpoint",
    )
    assert (endpoint.method, endpoint.path) == ("POST", "/v1/consumer/oauth2/token")
    assert endpoint.summary == "The Consumer OAuth 2.0 Token Endpoint"
    assert endpoint.request_model is ConsumerAuthTokenEndpointInput
    assert endpoint.response_model is ConsumerAuthTokenEndpointOutput
    assert endpoint.request_parameter == "consumerAuthTokenEndpointInput"
    assert endpoint.authorization == ()
    assert endpoint.parameters == ()
    assert dict(endpoint.request_headers) == {
        "Content-Type": "application/json",
        "Accept": "application/json",
    }


def test_each_scheme_says_how_to_send_and_obtain_its_token() -> None:
    # Names, order, kind and header, and which operation uses which: test_api_parity.py.
    for scheme in SECURITY_SCHEMES:
        assert f"`{scheme.header}`" in scheme.send and scheme.obtain.strip()


def test_parameters_are_typed_and_the_enumerations_are_literals() -> None:
    principal_id, principal_type = GET_POLICIES.parameters
    assert (principal_id.location, principal_id.annotation, principal_id.required) == (
        "path",
        str,
        True,
    )
    assert principal_type.location == "query" and principal_type.required
    assert principal_type.annotation == Literal["user", "token"]
    assert principal_type.enum_values == ("user", "token")
    token_id, limit, start = LIST_PROJECTS_OF_TOKEN.parameters
    assert [p.name for p in (token_id, limit, start)] == ["tokenId", "limit", "exclusiveStartKey"]
    assert (limit.annotation, limit.required, limit.default, limit.python_name) == (
        Limit,
        False,
        100,
        "limit",
    )
    assert (limit.base_type, start.base_type, token_id.base_type) == (int, str, str)
    assert start.python_name == "exclusive_start_key" and not start.required


def test_parameters_carry_upstreams_constraints() -> None:
    token_id, limit, start = LIST_PROJECTS_OF_TOKEN.parameters
    assert [value for value in (0, 1, 100, 101, True, "20") if limit.accepts(value)] == [1, 100]
    assert limit.problem(101) == "Input should be less than or equal to 100"
    assert start.accepts("k" * 3000) and not start.accepts("k" * 3001)
    assert token_id.annotation is UuidString
    assert token_id.accepts("6C2E9A41-8F3B-4D7E-A5C0-1B9D4E7F2A36")
    for wrong in (
        "t1",
        "6c2e9a418f3b4d7ea5c01b9d4e7f2a36",
        "{6c2e9a41-8f3b-4d7e-a5c0-1b9d4e7f2a36}",
    ):
        assert token_id.problem(wrong) == (
            "Input should be a UUID: 32 hexadecimal digits in groups of 8-4-4-4-12"
        )
    # Every list operation takes both, constrained alike.
    constrained = {"limit": Limit, "exclusiveStartKey": StartKey, "tokenId": UuidString}
    for op in OPERATIONS:
        for parameter in op.parameters:
            if parameter.name in constrained:
                assert parameter.annotation is constrained[parameter.name], op.name


def test_python_names_are_the_snake_case_of_upstreams_unless_overridden() -> None:
    assert [op.python_name for op in (CONSUMER_AUTH_TOKEN_ENDPOINT, operation("whoami"))] == [
        "consumer_auth_token_endpoint",
        "whoami",
    ]
    assert operation("v1AuthProxyGet").python_name == "v1_auth_proxy_get"
    assert [p.python_name for p in LIST_PROJECTS_OF_TOKEN.parameters] == [
        "token_id",
        "limit",
        "exclusive_start_key",
    ]
    assert path_parameter(python_name_override="the_token").python_name == "the_token"
    assert changed(python_name_override="token").python_name == "token"


def test_response_headers_and_body_sources_are_declared_not_defaulted() -> None:
    assert Response(500, "UnexpectedError", "Failed.", OK.body).headers == ()
    for op in OPERATIONS:
        returns_nothing = op.success is not None and op.success.body is Body.EMPTY
        for response in op.responses:
            assert set(response.headers) <= set(CORS_HEADERS)
            # Upstream's 1.43.0 document names a body only where the 1.48.0 clients name none:
            # the errors of an operation that returns nothing.
            expected = "document" if returns_nothing and not response.success else "client"
            assert response.body_source == expected, (op.name, response.status)
    with pytest.raises(ValueError, match=r"only a body model is taken from the 1\.43\.0 document"):
        Response(204, "Ok", "Done.", Body.EMPTY, body_source="document")


def test_the_proxies_pass_through_with_no_body_or_response() -> None:
    for op in DEFAULT_API.operations:
        assert op.proxy and op.body is None and op.responses == () and op.authorization == ()
        assert [p.name for p in op.parameters] == ["proxy"]
        assert op.path.endswith("/{proxy+}") and op.template.endswith("/{proxy}")
        assert op.greedy_parameters == {"proxy"}
        assert op.request_headers == ()
        assert op.success is None and op.response_model is None
    get = operation("v1IdpProxyGet")
    assert get.url_path({"proxy": "a/b c"}) == "/v1/idp/a/b%20c"
    assert operation("getToken").url_path({"tokenId": "a/b"}) == "/v1/tokens/a%2Fb"


def test_the_did_document_is_an_untyped_json_object() -> None:
    success = GET_WELL_KNOWN_DID.success
    assert success is not None and success.body is Body.JSON_OBJECT
    assert GET_WELL_KNOWN_DID.response_model is None


def test_declarations_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        CONSUMER_AUTH_TOKEN_ENDPOINT.path = "/elsewhere"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        USER_TOKEN_AUTH.header = "x-token"  # type: ignore[misc]


UNDECLARED = SecurityScheme("OtherAuth", "Another token.", "Nowhere.")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "consumer-auth"}, "name 'consumer-auth' is not an identifier"),
        ({"python_name_override": "1st"}, "python_name '1st' is not an identifier"),
        ({"path": "v1/token"}, "path 'v1/token' must start with '/'"),
        ({"responses": (OK, OK)}, "a response status is declared twice"),
        ({"responses": (Response(400, "Bad", "No.", Body.NOT_DECLARED), OK)}, "the first response"),
        ({"responses": (OK, Response(201, "Made", "Yes.", OK.body))}, "one successful response"),
        ({"responses": (Response(200, "OK", "Fine.", Body.NOT_DECLARED),)}, "needs a model"),
        ({"responses": ()}, "the first response must be the successful one"),
        ({"path": "/v1/tokens/{tokenId}"}, "the path holds ['tokenId'], declared as no path"),
        ({"parameters": (path_parameter(),)}, "does not hold ['tokenId']"),
        (
            {"path": "/v1/{tokenId}/{tokenId}", "parameters": (path_parameter(),)},
            "names a parameter twice",
        ),
        ({"path": "/v1/{token-id}"}, "malformed placeholder"),
        (
            {
                "path": "/{tokenId}/{a}",
                "parameters": (
                    path_parameter(),
                    path_parameter("a", python_name_override="token_id"),
                ),
            },
            "a Python parameter name is declared twice",
        ),
        ({"authorization": (UNDECLARED,)}, "'OtherAuth' is not declared in SECURITY_SCHEMES"),
        ({"authorization": (USER_TOKEN_AUTH, USER_TOKEN_AUTH)}, "named twice"),
        ({"proxy": True}, "a proxy declares no body and no response"),
    ],
)
def test_a_wrong_operation_is_refused_with_a_message_naming_it(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=r"operation '[^']+': ") as caught:
        changed(**changes)
    assert message in str(caught.value)


def test_a_wrong_parameter_body_response_scheme_or_class_is_refused() -> None:
    with pytest.raises(ValueError, match="the type must be str, int or a Literal of strings"):
        path_parameter(annotation=float)
    with pytest.raises(ValueError, match="a Literal of strings is expected"):
        path_parameter(annotation=Literal[1, 2], example=1)
    with pytest.raises(ValueError, match="a path parameter is always required"):
        path_parameter(required=False)
    with pytest.raises(ValueError, match="the example 3 is refused: not a str"):
        path_parameter(example=3)
    with pytest.raises(ValueError, match="the example 'group' is refused: Input should be 'user'"):
        path_parameter(annotation=Literal["user", "token"], example="group")
    with pytest.raises(ValueError, match="the example 0 is refused: Input should be greater"):
        path_parameter(annotation=Limit, example=0)
    with pytest.raises(ValueError, match="the example 'x' is refused: Input should be a UUID"):
        path_parameter(annotation=UuidString)
    with pytest.raises(ValueError, match="the type must be str, int or a Literal of strings"):
        path_parameter(annotation=Annotated[float, "metadata"], example=1.0)
    with pytest.raises(ValueError, match="python_name 'tokenId' is not snake_case"):
        path_parameter(python_name_override="tokenId")
    with pytest.raises(ValueError, match="a required parameter has no default"):
        path_parameter(default="y")
    with pytest.raises(ValueError, match="request body: <class 'dict'> is not a model"):
        RequestBody(dict, "A dict.")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="999 is not an HTTP status code"):
        Response(999, "Odd", "Odd.", Body.NOT_DECLARED)
    with pytest.raises(ValueError, match="the body 'X' is not a model or a Body"):
        Response(400, "Bad", "No.", "X")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"a 204 response, and only one, has Body\.EMPTY"):
        Response(204, "Ok", "Done.", Body.NOT_DECLARED)
    with pytest.raises(ValueError, match=r"a 204 response, and only one, has Body\.EMPTY"):
        Response(200, "Ok", "Done.", Body.EMPTY)
    with pytest.raises(ValueError, match="say what it means to the caller"):
        Response(500, "UnexpectedError", " ", Body.NOT_DECLARED)
    with pytest.raises(ValueError, match="'Bad Auth': the name is not an identifier"):
        SecurityScheme("Bad Auth", "A token.", "Somewhere.")
    with pytest.raises(ValueError, match="'Consumer Auth': the name is not an identifier"):
        ApiClass("Consumer Auth")
    twice = ApiClass("Twice")
    twice.add(CONSUMER_AUTH_TOKEN_ENDPOINT)
    with pytest.raises(ValueError, match="'Twice': 'consumerAuthTokenEndpoint' is added twice"):
        twice.add(changed(summary="Another"))


def test_importing_the_declaration_loads_no_docs_or_http_code() -> None:
    script = textwrap.dedent(
        """
        import sys
        import iam_client_models.endpoints
        heavy = ("httpx", "markdown", "mkdocs", "iam_client_docs", "bs4", "pytest")
        print(sorted(name for name in sys.modules if name.split(".")[0] in heavy))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
