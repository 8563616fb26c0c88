"""The users API of specs/users.yaml as a FastAPI app, with an items API and a route per
security scheme beside it so that every construct specforge generates is exercised: the
reference the specforge service generated from its exported spec
(specs/users-fastapi.json) is compared with (scripts/parity.sh).

Run: uvicorn app:app --port 8000 (from this folder).
"""

from datetime import date
from enum import Enum
from typing import Annotated, Literal

from fastapi import (
    Cookie,
    Depends,
    FastAPI,
    File,
    Form,
    Header,
    HTTPException,
    Path,
    Query,
    Security,
    UploadFile,
    status,
)
from fastapi.security import (
    APIKeyCookie,
    APIKeyHeader,
    APIKeyQuery,
    HTTPAuthorizationCredentials,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
    HTTPDigest,
    OAuth2AuthorizationCodeBearer,
    OAuth2PasswordBearer,
    OpenIdConnect,
)
from pydantic import BaseModel, EmailStr, Field

app = FastAPI(
    title="Users API",
    version="1.0.0",
    description="The users service of the FastAPI guide.",
)

# The one token the app accepts; the Rust service's check accepts the same.
GOOD_TOKEN = "parity-token"


class UserCreate(BaseModel):
    email: EmailStr
    name: str = Field(min_length=1, max_length=100)
    age: int = Field(ge=0, le=150)


class UserResponse(BaseModel):
    id: int
    email: EmailStr
    name: str


class Store:
    """A tiny in-memory store: ids count up from 1."""

    def __init__(self) -> None:
        self.users: dict[int, UserResponse] = {}

    def add(self, user: UserCreate) -> UserResponse:
        created = UserResponse(id=len(self.users) + 1, email=user.email, name=user.name)
        self.users[created.id] = created
        return created


store = Store()
bearer = HTTPBearer()


def current_user(
    credentials: Annotated[HTTPAuthorizationCredentials, Security(bearer)],
) -> UserResponse:
    if credentials.credentials != GOOD_TOKEN:
        # As FastAPI's security tutorial raises it: a 401 names the scheme to retry with.
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Invalid token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return UserResponse(id=0, email="me@example.com", name="Me")


@app.post("/users", status_code=status.HTTP_201_CREATED, tags=["users"], operation_id="create_user")
def create_user(user: UserCreate) -> UserResponse:
    return store.add(user)


@app.get("/users", tags=["users"], operation_id="list_users")
def list_users(
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[UserResponse]:
    return list(store.users.values())[offset : offset + limit]


@app.get("/users/{user_id}", tags=["users"], operation_id="get_user")
def get_user(user_id: int) -> UserResponse:
    user = store.users.get(user_id)
    if user is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="User not found")
    return user


@app.get("/profile", tags=["profile"], operation_id="get_profile")
def get_profile(me: Annotated[UserResponse, Depends(current_user)]) -> UserResponse:
    return me


# The items API: nested models, lists, optional and nullable fields, enums, a tagged and
# an untagged union, formats, and parameters in the path, query, headers and cookies.
# Each route answers with what it was given, so the comparison sees what validation
# handed on.


class Color(str, Enum):
    red = "red"
    green = "green"
    blue = "blue"


class Size(BaseModel):
    width: float = Field(gt=0)
    height: float = Field(gt=0, le=1000)


class Cat(BaseModel):
    kind: Literal["cat"]
    lives: int = Field(ge=1, le=9)


class Dog(BaseModel):
    kind: Literal["dog"]
    good: bool


class ItemCreate(BaseModel):
    name: str = Field(min_length=1, max_length=40, pattern=r"^[a-z][a-z0-9-]*$")
    price: float = Field(ge=0)
    tags: list[str] = Field(default=[], max_length=3)
    color: Color | None = None
    size: Size
    note: str | None = None
    released: date | None = None
    pet: Cat | Dog = Field(discriminator="kind")
    code: int | str = 0
    ratings: list[Annotated[int, Field(ge=1, le=5)]] = []
    variants: list[Size] = Field(default=[], max_length=2)


class ItemSearch(BaseModel):
    q: list[str]
    min_price: float | None
    in_stock: bool
    color: Color | None
    request_tag: str | None
    theme: str | None


class ItemPlace(BaseModel):
    color: Color
    shelf: int
    token: str


@app.post("/items", status_code=status.HTTP_201_CREATED, tags=["items"], operation_id="create_item")
def create_item(item: ItemCreate) -> ItemCreate:
    return item


@app.get("/items", tags=["items"], operation_id="search_items")
def search_items(
    q: Annotated[list[str], Query(max_length=10)] = [],
    min_price: Annotated[float | None, Query(ge=0)] = None,
    in_stock: bool = True,
    color: Color | None = None,
    x_request_tag: Annotated[str | None, Header()] = None,
    theme: Annotated[str | None, Cookie()] = None,
) -> ItemSearch:
    return ItemSearch(
        q=q, min_price=min_price, in_stock=in_stock, color=color, request_tag=x_request_tag, theme=theme
    )


@app.get("/items/{color}/{shelf}", tags=["items"], operation_id="place_item")
def place_item(
    color: Color,
    shelf: Annotated[int, Path(ge=1, le=20)],
    x_token: Annotated[str, Header(min_length=3)],
) -> ItemPlace:
    return ItemPlace(color=color, shelf=shelf, token=x_token)


class Login(BaseModel):
    username: str
    remember: bool
    scopes: list[str]


@app.post("/login", tags=["items"], operation_id="login")
def login(
    username: Annotated[str, Form(min_length=3)],
    password: Annotated[str, Form()],
    remember: Annotated[bool, Form()] = False,
    scopes: Annotated[list[str], Form()] = [],
) -> Login:
    return Login(username=username, remember=remember, scopes=scopes)


class Upload(BaseModel):
    filename: str | None
    content_type: str | None
    size: int
    caption: str
    copies: int
    extras: int


@app.post("/uploads", tags=["items"], operation_id="upload_file")
async def upload_file(
    file: UploadFile,
    caption: Annotated[str, Form(min_length=1, max_length=20)],
    copies: Annotated[int, Form(ge=1, le=10)] = 1,
    extras: Annotated[list[UploadFile], File()] = [],
) -> Upload:
    content = await file.read()
    return Upload(
        filename=file.filename,
        content_type=file.content_type,
        size=len(content),
        caption=caption,
        copies=copies,
        extras=len(extras),
    )


# One route per security scheme FastAPI offers; each check accepts one credential.
basic = HTTPBasic()
header_key = APIKeyHeader(name="X-API-Key")
query_key = APIKeyQuery(name="api_key")
cookie_key = APIKeyCookie(name="session")
oauth2 = OAuth2PasswordBearer(tokenUrl="token")
oauth2_code = OAuth2AuthorizationCodeBearer(authorizationUrl="authorize", tokenUrl="token")
digest = HTTPDigest()
openid = OpenIdConnect(openIdConnectUrl="https://example.com/.well-known/openid-configuration")
ME = UserResponse(id=0, email="me@example.com", name="Me")


def refuse(scheme: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Invalid credentials",
        headers={"WWW-Authenticate": scheme},
    )


@app.get("/secure/basic", tags=["secure"], operation_id="secure_basic")
def secure_basic(credentials: Annotated[HTTPBasicCredentials, Security(basic)]) -> UserResponse:
    if (credentials.username, credentials.password) != ("ada", "secret"):
        raise refuse("Basic")
    return ME


@app.get("/secure/header-key", tags=["secure"], operation_id="secure_header_key")
def secure_header_key(key: Annotated[str, Security(header_key)]) -> UserResponse:
    if key != "header-key":
        raise refuse("APIKey")
    return ME


@app.get("/secure/query-key", tags=["secure"], operation_id="secure_query_key")
def secure_query_key(key: Annotated[str, Security(query_key)]) -> UserResponse:
    if key != "query-key":
        raise refuse("APIKey")
    return ME


@app.get("/secure/cookie-key", tags=["secure"], operation_id="secure_cookie_key")
def secure_cookie_key(key: Annotated[str, Security(cookie_key)]) -> UserResponse:
    if key != "cookie-key":
        raise refuse("APIKey")
    return ME


@app.get("/secure/oauth2", tags=["secure"], operation_id="secure_oauth2")
def secure_oauth2(token: Annotated[str, Security(oauth2)]) -> UserResponse:
    if token != GOOD_TOKEN:
        raise refuse("Bearer")
    return ME


@app.get("/secure/oauth2-code", tags=["secure"], operation_id="secure_oauth2_code")
def secure_oauth2_code(token: Annotated[str, Security(oauth2_code)]) -> UserResponse:
    if token != GOOD_TOKEN:
        raise refuse("Bearer")
    return ME


@app.get("/secure/digest", tags=["secure"], operation_id="secure_digest")
def secure_digest(credentials: Annotated[HTTPAuthorizationCredentials, Security(digest)]) -> UserResponse:
    if credentials.credentials != GOOD_TOKEN:
        raise refuse("Digest")
    return ME


@app.get("/secure/openid", tags=["secure"], operation_id="secure_openid")
def secure_openid(authorization: Annotated[str, Security(openid)]) -> UserResponse:
    # FastAPI hands on the whole header: the check reads the bearer token from it.
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or token.strip() != GOOD_TOKEN:
        raise refuse("Bearer")
    return ME
