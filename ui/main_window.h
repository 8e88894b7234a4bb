#pragma once
// The KAPLA Studio main window: the open project's header line and its layer table.

#include <QMainWindow>
#include <QStringList>

class LayerTableModel;
class ProjectDocument;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

/// One window per project; owns the document and the views on it.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Loads a project without any dialog; on failure `errors` gets the diagnostics and the
    /// window keeps what it showed before.
    bool loadProject(const QString& path, QStringList* errors);
    /// Loads a project and reports a failure in a message box (the interactive path).
    void openProject(const QString& path);

    ProjectDocument* document() const { return m_document; }
    LayerTableModel* layerModel() const { return m_layerModel; }
    QTableView* layerView() const { return m_layerView; }
    /// The header text above the table (network and architecture summary).
    QString headerText() const;

private:
    void createMenus();
    void showOpenDialog();
    void showAbout();
    void showLoadErrors(const QString& path, const QStringList& errors);
    void onProjectChanged();
    void updateHeader();
    void resizeLayerColumns();

    ProjectDocument* m_document = nullptr;
    LayerTableModel* m_layerModel = nullptr;
    QSortFilterProxyModel* m_layerProxy = nullptr;
    QTableView* m_layerView = nullptr;
    QLabel* m_header = nullptr;
};
