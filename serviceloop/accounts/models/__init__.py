from .api_token import ApiToken
from .team import Team
from .user import User

__all__ = ["ApiToken", "Team", "User"]
