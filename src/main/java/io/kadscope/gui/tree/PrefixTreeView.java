package io.kadscope.gui.tree;

import io.kadscope.gui.fx.Views;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;

/** The prefix tree (Fig. 1): hands the canvas the layout and the picked bucket. */
public final class PrefixTreeView {
  private final PrefixTreeViewModel vm;
  private final int k;
  @FXML private PrefixTreeCanvas canvas;
  @FXML private Label caption;

  private PrefixTreeView(PrefixTreeViewModel vm, int k) {
    this.vm = vm;
    this.k = k;
  }

  /** Loads the layout and binds it to {@code vm}. */
  public static Parent create(PrefixTreeViewModel vm, int k) {
    return Views.load("PrefixTree", new PrefixTreeView(vm, k));
  }

  @FXML
  private void initialize() {
    canvas.setOnPick(vm::select);
    vm.layoutProperty().addListener((o, a, l) -> push());
    vm.selectedBucketProperty().addListener((o, a, s) -> push());
    push();
  }

  private void push() {
    PrefixTreeLayout l = vm.layoutProperty().get();
    canvas.show(l, vm.selectedBucketProperty().get(), k);
    if (l != null) {
      long mine = l.leaves().stream().filter(PrefixTreeLayout.Leaf::ownBucket).count();
      caption.setText(
          l.leaves().size()
              + " buckets, deepest at "
              + l.maxDepth()
              + " bits · red: your id's path"
              + (mine == 1 ? " down to your own bucket" : "")
              + " · shade: how full a bucket is · click a bucket to pick it");
    }
  }
}
