package io.kadscope.gui.main;

import io.kadscope.gui.fx.Views;
import io.kadscope.gui.main.MainViewModel.Page;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import org.controlsfx.control.NotificationPane;
import org.controlsfx.control.StatusBar;

/**
 * The frame: side forms, the tabs of views (one per {@link Page}, the selected one bound to the
 * view-model's page), the notification bar and the status bar.
 */
public final class MainView {
  private final MainViewModel vm;
  @FXML private NotificationPane notifications;
  @FXML private TabPane tabs;
  @FXML private Tab ringTab;
  @FXML private Tab treeTab;
  @FXML private Tab bucketsTab;
  @FXML private Tab lookupTab;
  @FXML private Tab trafficTab;
  @FXML private Tab mapTab;
  @FXML private Tab experimentsTab;
  @FXML private TitledPane simulationPane;
  @FXML private TitledPane storePane;
  @FXML private TitledPane networkPane;
  @FXML private StatusBar statusBar;
  @FXML private Label addressLabel;
  @FXML private Label idLabel;
  @FXML private Label contactsLabel;
  @FXML private Label ratesLabel;
  private Parent root;

  private MainView(MainViewModel vm) {
    this.vm = vm;
  }

  /** The frame, to be filled with {@link #setViews}. */
  public static MainView create(MainViewModel vm) {
    MainView v = new MainView(vm);
    v.root = Views.load("Main", v);
    return v;
  }

  @FXML
  private void initialize() {
    addressLabel.setText("node " + vm.address());
    idLabel.setText("id " + vm.idPrefix());
    contactsLabel.textProperty().bind(vm.contactsText());
    ratesLabel.textProperty().bind(vm.ratesText());
    statusBar.textProperty().bind(vm.statusProperty());
    tabs.getSelectionModel().select(tabOf(vm.pageProperty().get()));
    tabs.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, tab) -> {
              if (tab != null) {
                vm.pageProperty().set(pageOf(tab));
              }
            });
    vm.pageProperty().addListener((o, a, page) -> tabs.getSelectionModel().select(tabOf(page)));
  }

  private Tab tabOf(Page page) {
    return switch (page) {
      case RING -> ringTab;
      case TREE -> treeTab;
      case BUCKETS -> bucketsTab;
      case LOOKUPS -> lookupTab;
      case TRAFFIC -> trafficTab;
      case MAP -> mapTab;
      case EXPERIMENTS -> experimentsTab;
    };
  }

  private Page pageOf(Tab tab) {
    for (Page p : Page.values()) {
      if (tabOf(p) == tab) {
        return p;
      }
    }
    throw new IllegalStateException("a tab of no page: " + tab.getText());
  }

  /** Shows the Simulation panel above the forms (a simulated network only). */
  public void setSimulation(Node simulation) {
    simulationPane.setContent(simulation);
    simulationPane.setVisible(true);
    simulationPane.setManaged(true);
  }

  /** Puts the views into their places. */
  public void setViews(
      Node ring,
      Node tree,
      Node buckets,
      Node lookup,
      Node traffic,
      Node map,
      Node experiments,
      Node store,
      Node network) {
    mapTab.setContent(map);
    experimentsTab.setContent(experiments);
    ringTab.setContent(ring);
    treeTab.setContent(tree);
    bucketsTab.setContent(buckets);
    lookupTab.setContent(lookup);
    trafficTab.setContent(traffic);
    storePane.setContent(store);
    networkPane.setContent(network);
  }

  /** Whether the traffic tab is the one showing. */
  public ObservableBooleanValue trafficShowing() {
    return trafficTab.selectedProperty();
  }

  /** The root of the window. */
  public Parent root() {
    return root;
  }

  /** The notification bar. */
  public NotificationPane notifications() {
    return notifications;
  }

  /** The tabs, for the screenshot tour and tests. */
  public TabPane tabs() {
    return tabs;
  }
}
