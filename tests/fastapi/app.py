"""The users API of specs/users.yaml as a FastAPI app: the reference the specforge
service generated from its exported spec (specs/users-fastapi.json) is compared with.

Run: uvicorn app:app --port 8000 (from this folder).
"""

from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Security, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
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
