package deps
import (
 _ "github.com/jackc/pgx/v5/stdlib"
 _ "modernc.org/sqlite"
 _ "github.com/pressly/goose/v3"
)
