package dev.chat.client.tui;

/**
 * Where each pane goes for a screen of {@code columns} x {@code rows}. Pure. Top to bottom: chat
 * pane and users pane side by side, the transfers pane (title row plus up to {@link #MAX_TRANSFER_ROWS};
 * the title alone when collapsed; nothing at all without transfers), the status bar, the input line.
 * Below {@link #MIN_COLUMNS} x {@link #MIN_ROWS} nothing is laid out and the screen says so.
 */
record Layout(int columns, int rows, int chatColumns, int usersColumn, int usersColumns, int topRows,
              int transfersRow, int transferRows, int statusRow, int inputRow) {
    static final int MIN_COLUMNS = 60;
    static final int MIN_ROWS = 15;
    static final int MAX_TRANSFER_ROWS = 5;

    static Layout of(int columns, int rows, int transferCount) {
        return of(columns, rows, transferCount, false);
    }

    static Layout of(int columns, int rows, int transferCount, boolean transfersCollapsed) {
        if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
            return new Layout(columns, rows, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        int side = Math.max(16, Math.min(28, columns / 5));
        int transferRows = transfersCollapsed ? 0 : Math.min(MAX_TRANSFER_ROWS, transferCount);
        int inputRow = rows - 1;
        int statusRow = rows - 2;
        int transfersRow = transferCount == 0 ? statusRow : statusRow - 1 - transferRows;
        int chatColumns = columns - side - 1;
        return new Layout(columns, rows, chatColumns, chatColumns + 1, side, transfersRow, transfersRow,
                transferRows, statusRow, inputRow);
    }

    /** False when there are no transfers: the pane then takes no rows at all. */
    boolean hasTransfersPane() {
        return transfersRow < statusRow;
    }

    boolean tooSmall() {
        return topRows == 0;
    }
}
